package io.gatehouse.core.credential;

import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
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

    public void revoke(UUID applicationId, UUID keyId) {
        ApiKey key = keys.findById(keyId)
                .filter(k -> k.getApplicationId().equals(applicationId))
                .orElseThrow(() -> new NotFoundException("API key", keyId));
        key.revoke();
        keys.saveAndFlush(key);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list(UUID applicationId) {
        applications.get(applicationId);
        return keys.findByApplicationIdOrderByCreatedAt(applicationId);
    }
}
