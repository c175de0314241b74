package io.gatehouse.console.oauth.rest;

import io.gatehouse.core.credential.OAuthClientService;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The OAuth client of an application, managed by its organization's developers (and admins). */
@RestController
@RequestMapping("/api/v1/applications/{appId}/oauth-client")
@PreAuthorize("hasRole('ADMIN') or (hasRole('DEVELOPER') and @tenancy.ownsApplication(authentication, #appId))")
public class OAuthClientController {

    private final OAuthClientService clients;

    public OAuthClientController(OAuthClientService clients) {
        this.clients = clients;
    }

    @PostMapping
    public ResponseEntity<IssuedOAuthClientView> issue(@PathVariable UUID appId) {
        IssuedOAuthClientView issued = IssuedOAuthClientView.of(clients.issue(appId));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUri()).body(issued);
    }

    @PostMapping("/secret")
    public IssuedOAuthClientView regenerateSecret(@PathVariable UUID appId) {
        return IssuedOAuthClientView.of(clients.regenerateSecret(appId));
    }

    @GetMapping
    public OAuthClientView get(@PathVariable UUID appId) {
        return OAuthClientView.of(clients.get(appId));
    }
}
