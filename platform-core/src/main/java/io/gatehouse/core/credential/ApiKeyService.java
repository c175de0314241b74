package io.gatehouse.core.credential;

import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues and revokes the API keys of applications. */
@Service
@Transactional
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final ApplicationService applications;
    private final InputValidator validator;

    public ApiKeyService(ApiKeyRepository keys, ApplicationService applications, InputValidator validator) {
        this.keys = keys;
        this.applications = applications;
        this.validator = validator;
    }

    public IssuedApiKey issue(UUID applicationId, ApiKeySpec spec) {
        applications.get(applicationId);
        validator.check(spec);
        String plaintext = ApiKeys.generate();
        ApiKey key = keys.saveAndFlush(ApiKey.of(applicationId, spec.name(), plaintext, spec.expiresAt()));
        return new IssuedApiKey(key, plaintext);
    }

    /**
     * Replaces a key without downtime: issues a new key of the same name and expiry, and lets the old
     * one keep working for the grace period only, so that clients can switch over.
     */
    public IssuedApiKey rotate(UUID applicationId, UUID keyId, ApiKeyRotationSpec spec) {
        ApiKey old = find(applicationId, keyId);
        validator.check(spec, spec == null ? List.of() : spec.problems());
        Instant now = Instant.now();
        if (!old.isUsableAt(now)) {
            throw new ConflictException("only a usable key can be rotated; this one is revoked or expired");
        }
        String plaintext = ApiKeys.generate();
        ApiKey replacement = keys.save(ApiKey.of(applicationId, old.getName(), plaintext, old.getExpiresAt()));
        old.expireBy(now.plus(spec.grace()));
        keys.saveAndFlush(old);
        return new IssuedApiKey(replacement, plaintext);
    }

    public void revoke(UUID applicationId, UUID keyId) {
        ApiKey key = find(applicationId, keyId);
        key.revoke();
        keys.saveAndFlush(key);
    }

    @Transactional(readOnly = true)
    public ApiKey get(UUID applicationId, UUID keyId) {
        return find(applicationId, keyId);
    }

    private ApiKey find(UUID applicationId, UUID keyId) {
        return keys.findById(keyId)
                .filter(k -> k.getApplicationId().equals(applicationId))
                .orElseThrow(() -> new NotFoundException("API key", keyId));
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list(UUID applicationId) {
        applications.get(applicationId);
        return keys.findByApplicationIdOrderByCreatedAt(applicationId);
    }
}
