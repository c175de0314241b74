package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.spec.ApiImportService;
import io.gatehouse.core.api.spec.ImportTarget;
import io.gatehouse.core.api.spec.ImportedApiResult;
import io.gatehouse.core.api.spec.SpecDocument;
import io.gatehouse.core.api.spec.SpecSyntax;
import io.gatehouse.core.api.spec.StoredSpec;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /api/v1/apis/import}: publishers create an API from an OpenAPI document (YAML or JSON),
 * with {@code context} and {@code upstream} (and optionally {@code name}, {@code version}) as query
 * parameters; {@code GET /api/v1/apis/{id}/spec} gives the document back as it was imported.
 */
@RestController
@RequestMapping("/api/v1/apis")
public class ApiImportController {

    static final String[] JSON_TYPES = {"application/json", "application/vnd.oai.openapi+json"};

    private final ApiImportService imports;

    public ApiImportController(ApiImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            "application/vnd.oai.openapi", "application/json", "application/vnd.oai.openapi+json"})
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<ImportedApiView> importDocument(@RequestBody byte[] document,
                                                          @RequestHeader("Content-Type") MediaType contentType,
                                                          @RequestParam(required = false) String context,
                                                          @RequestParam(required = false) String upstream,
                                                          @RequestParam(required = false) String name,
                                                          @RequestParam(required = false) String version) {
        SpecDocument parsed = SpecDocument.parse(document, syntaxOf(contentType));
        ImportedApiResult result = imports.importDocument(parsed, new ImportTarget(context, upstream, name, version));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/apis/{id}").buildAndExpand(result.api().getId()).toUri())
                .body(new ImportedApiView(result.api(), result.operations()));
    }

    @GetMapping("/{id}/spec")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.inCatalog(#id))")
    public ResponseEntity<byte[]> spec(@PathVariable UUID id) {
        StoredSpec spec = imports.spec(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(spec.mediaType()))
                .body(spec.text().getBytes(StandardCharsets.UTF_8));
    }

    private static SpecSyntax syntaxOf(MediaType contentType) {
        for (String json : JSON_TYPES) {
            if (contentType.isCompatibleWith(MediaType.parseMediaType(json))) {
                return SpecSyntax.JSON;
            }
        }
        return SpecSyntax.YAML;
    }
}
