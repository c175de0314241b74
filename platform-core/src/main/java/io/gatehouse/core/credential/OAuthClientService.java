package io.gatehouse.core.credential;

import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.NotFoundException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues the OAuth2 clients of applications and replaces their secrets; secrets are stored hashed. */
@Service
@Transactional
public class OAuthClientService {

    private final OAuthClientRepository clients;
    private final ApplicationService applications;
    private final PasswordEncoder passwordEncoder;

    public OAuthClientService(OAuthClientRepository clients, ApplicationService applications, PasswordEncoder passwordEncoder) {
        this.clients = clients;
        this.applications = applications;
        this.passwordEncoder = passwordEncoder;
    }

    /** Gives the application its OAuth client; 409 when it already has one. */
    public IssuedOAuthClient issue(UUID applicationId) {
        applications.get(applicationId);
        if (clients.existsById(applicationId)) {
            throw new ConflictException("the application already has an OAuth client; regenerate its secret instead");
        }
        String secret = OAuthClients.secret();
        try {
            OAuthClient client = clients.saveAndFlush(OAuthClient.of(applicationId, OAuthClients.clientId(), passwordEncoder.encode(secret)));
            return new IssuedOAuthClient(client, secret);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("the application already has an OAuth client; regenerate its secret instead");
        }
    }

    /** Replaces the client's secret; the old one stops working at once. */
    public IssuedOAuthClient regenerateSecret(UUID applicationId) {
        OAuthClient client = get(applicationId);
        String secret = OAuthClients.secret();
        client.replaceSecret(passwordEncoder.encode(secret));
        return new IssuedOAuthClient(clients.saveAndFlush(client), secret);
    }

    @Transactional(readOnly = true)
    public OAuthClient get(UUID applicationId) {
        applications.get(applicationId);
        return clients.findById(applicationId).orElseThrow(() -> new NotFoundException("OAuth client of application", applicationId));
    }

    @Transactional(readOnly = true)
    public Optional<OAuthClient> findByClientId(String clientId) {
        return clients.findByClientId(clientId);
    }

    /** Stores a stronger hash of the same secret (the authorization server upgrades outdated encodings). */
    public void rehashSecret(String clientId, String secretHash) {
        clients.findByClientId(clientId).ifPresent(client -> {
            client.rehashSecret(secretHash);
            clients.saveAndFlush(client);
        });
    }
}
