package io.gatehouse.core.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

@CoreTest
class OAuthClientServiceTests {

    @Autowired
    OAuthClientService clients;
    @Autowired
    OrganizationService organizations;
    @Autowired
    ApplicationService applications;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void issuesAClientWhoseSecretIsStoredOnlyAsAHash() {
        UUID appId = application();

        IssuedOAuthClient issued = clients.issue(appId);

        assertThat(issued.client().getClientId()).matches("gh-client-[a-z0-9]{20}");
        assertThat(issued.secret()).hasSize(43);
        String stored = jdbc.queryForObject("select secret_hash from oauth_client where application_id = ?", String.class, appId);
        assertThat(stored).doesNotContain(issued.secret()).startsWith("{bcrypt}");
        assertThat(passwordEncoder.matches(issued.secret(), stored)).isTrue();
        assertThat(clients.findByClientId(issued.client().getClientId())).get()
                .extracting(OAuthClient::getApplicationId).isEqualTo(appId);
        assertThat(clients.get(appId).getRotatedAt()).isNull();
    }

    @Test
    void anApplicationHasAtMostOneClient() {
        UUID appId = application();
        clients.issue(appId);

        assertThatThrownBy(() -> clients.issue(appId)).isInstanceOf(ConflictException.class);
    }

    @Test
    void regeneratingReplacesTheSecretAndKeepsTheClientId() {
        UUID appId = application();
        IssuedOAuthClient first = clients.issue(appId);

        IssuedOAuthClient second = clients.regenerateSecret(appId);

        OAuthClient stored = clients.get(appId);
        assertThat(second.client().getClientId()).isEqualTo(first.client().getClientId());
        assertThat(second.secret()).isNotEqualTo(first.secret());
        assertThat(passwordEncoder.matches(first.secret(), stored.getSecretHash())).isFalse();
        assertThat(passwordEncoder.matches(second.secret(), stored.getSecretHash())).isTrue();
        assertThat(stored.getRotatedAt()).isNotNull();
    }

    @Test
    void unknownApplicationsAndClientsAreNotFound() {
        assertThatThrownBy(() -> clients.issue(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clients.get(application())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> clients.regenerateSecret(application())).isInstanceOf(NotFoundException.class);
        assertThat(clients.findByClientId("gh-client-nobody")).isEmpty();
    }

    private UUID application() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        UUID orgId = organizations.create(new OrganizationSpec("OAuth " + unique)).getId();
        return applications.create(orgId, new ApplicationSpec("app")).getId();
    }
}
