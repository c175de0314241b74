package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.spec.ApiImportService;
import io.gatehouse.core.api.spec.ImportTarget;
import io.gatehouse.core.api.spec.ImportedApiResult;
import io.gatehouse.core.api.spec.SpecDocument;
import io.gatehouse.core.api.spec.SpecSyntax;
import io.gatehouse.core.api.spec.StoredSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.MultiValueMap;
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
 * {@code POST /api/v1/apis/import}: publishers create an API from an OpenAPI document (a REST API) or an
 * AsyncAPI document (an EVENT API), YAML or JSON, with {@code context} and {@code upstream} (REST), and
 * optionally {@code name}, {@code version}, and for an EVENT API its event source ({@code source} = the
 * kind, with the kind's settings as further parameters: {@code bootstrapServers}, {@code uri},
 * {@code exchange}, {@code serverUri}, {@code qos}, {@code retention}) as query parameters;
 * {@code GET /api/v1/apis/{id}/spec} gives the document back as it was imported.
 */
@RestController
@RequestMapping("/api/v1/apis")
public class ApiImportController {

    static final String[] JSON_TYPES = {"application/json", "application/vnd.oai.openapi+json", "application/vnd.aai.asyncapi+json"};
    /** The settings of event sources that may be given as query parameters (per-channel names only in the body of {@code PUT /source}). */
    static final List<String> SOURCE_SETTINGS = List.of("retention", "bootstrapServers", "uri", "exchange", "serverUri", "qos");

    private final ApiImportService imports;

    public ApiImportController(ApiImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
            "application/vnd.oai.openapi", "application/json", "application/vnd.oai.openapi+json",
            "application/vnd.aai.asyncapi", "application/vnd.aai.asyncapi+yaml", "application/vnd.aai.asyncapi+json"})
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public ResponseEntity<ImportedApiView> importDocument(@RequestBody byte[] document,
                                                          @RequestHeader("Content-Type") MediaType contentType,
                                                          @RequestParam(required = false) String context,
                                                          @RequestParam(required = false) String upstream,
                                                          @RequestParam(required = false) String name,
                                                          @RequestParam(required = false) String version,
                                                          @RequestParam MultiValueMap<String, String> parameters) {
        SpecDocument parsed = SpecDocument.parse(document, syntaxOf(contentType));
        ImportedApiResult result = imports.importDocument(parsed, new ImportTarget(context, upstream, name, version, source(parameters)));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/apis/{id}").buildAndExpand(result.api().getId()).toUri())
                .body(ImportedApiView.of(result));
    }

    @GetMapping("/{id}/spec")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.inCatalog(#id))")
    public ResponseEntity<byte[]> spec(@PathVariable UUID id) {
        StoredSpec spec = imports.spec(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(spec.mediaType()))
                .body(spec.text().getBytes(StandardCharsets.UTF_8));
    }

    /** The event source the query names ({@code source=KAFKA&bootstrapServers=…}), in its JSON shape; null when it names none. */
    private static Map<String, Object> source(MultiValueMap<String, String> parameters) {
        Map<String, Object> source = new LinkedHashMap<>();
        for (String setting : SOURCE_SETTINGS) {
            if (parameters.getFirst(setting) != null) {
                source.put(setting, parameters.getFirst(setting));
            }
        }
        String kind = parameters.getFirst("source");
        if (kind == null && source.isEmpty()) {
            return null;
        }
        source.put("kind", kind == null ? "BUILTIN" : kind);
        return source;
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
