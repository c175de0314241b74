package io.gatehouse.console.credential.rest;

import io.gatehouse.core.credential.ApiKeyRotationSpec;
import io.gatehouse.core.credential.ApiKeyService;
import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.credential.IssuedApiKey;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The API keys of an application, managed by its organization's developers (and admins). */
@RestController
@RequestMapping("/api/v1/applications/{appId}/api-keys")
@PreAuthorize("hasRole('ADMIN') or (hasRole('DEVELOPER') and @tenancy.ownsApplication(authentication, #appId))")
public class ApiKeyController {

    private final ApiKeyService keys;

    public ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    public ResponseEntity<IssuedApiKeyView> issue(@PathVariable UUID appId, @RequestBody ApiKeySpec spec) {
        return created(appId, keys.issue(appId, spec));
    }

    @PostMapping("/{keyId}/rotate")
    public ResponseEntity<IssuedApiKeyView> rotate(@PathVariable UUID appId, @PathVariable UUID keyId,
                                                   @RequestBody(required = false) ApiKeyRotationSpec spec) {
        return created(appId, keys.rotate(appId, keyId, spec == null ? new ApiKeyRotationSpec(null) : spec));
    }

    @GetMapping("/{keyId}")
    public ApiKeyView get(@PathVariable UUID appId, @PathVariable UUID keyId) {
        return ApiKeyView.of(keys.get(appId, keyId));
    }

    @GetMapping
    public List<ApiKeyView> list(@PathVariable UUID appId) {
        return keys.list(appId).stream().map(ApiKeyView::of).toList();
    }

    @DeleteMapping("/{keyId}")
    public ResponseEntity<Void> revoke(@PathVariable UUID appId, @PathVariable UUID keyId) {
        keys.revoke(appId, keyId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<IssuedApiKeyView> created(UUID appId, IssuedApiKey issued) {
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/applications/{appId}/api-keys/{id}").buildAndExpand(appId, issued.key().getId()).toUri())
                .body(IssuedApiKeyView.of(issued));
    }
}
