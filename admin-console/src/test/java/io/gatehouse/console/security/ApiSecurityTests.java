package io.gatehouse.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

class ApiSecurityTests extends ManagementApiTestSupport {

    @LocalManagementPort
    int managementPort;

    @Test
    void missingOrWrongCredentialsGet401ProblemWithABasicChallenge() {
        for (var reply : new Reply[] {
                anonymous().get("/api/v1/apis"),
                as("admin", "wrong-password-123").get("/api/v1/apis"),
                as("nobody-" + unique(), "whatever-password").get("/api/v1/apis")}) {
            reply.problem(401, "unauthorized");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");
            assertThat(reply.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void theApiIsStatelessAndNeedsNoCsrfToken() {
        var reply = admin().post("/api/v1/organizations", "{\"name\":\"stateless-" + unique() + "\"}").expect(201);
        assertThat(reply.header("Set-Cookie")).isNull();
    }

    @Test
    void rolesWithoutTheRightGet403Problems() {
        Client developer = newUser("DEVELOPER", createOrganization());
        Client billing = newUser("BILLING", null);
        Client publisher = newUser("PUBLISHER", null);
        String apiBody = """
                {"name":"Nope","version":"v1","context":"/nope-%s/v1","type":"REST","upstream":"http://h"}
                """.formatted(unique());

        developer.post("/api/v1/apis", apiBody).problem(403, "forbidden");
        billing.post("/api/v1/apis", apiBody).problem(403, "forbidden");
        developer.get("/api/v1/usage").problem(403, "forbidden");
        developer.get("/api/v1/billing/usage-report?from=2026-11-01&to=2026-12-01").problem(403, "forbidden");
        publisher.get("/api/v1/billing/usage-report?from=2026-11-01&to=2026-12-01").problem(403, "forbidden");
        billing.get("/api/v1/users").problem(403, "forbidden");
        publisher.post("/api/v1/users", "{}").problem(403, "forbidden");
        billing.post("/api/v1/organizations", "{\"name\":\"x\"}").problem(403, "forbidden");

        billing.get("/api/v1/usage").expect(200);
        billing.get("/api/v1/billing/usage-report?from=2026-11-01&to=2026-12-01").expect(200);
        billing.get("/api/v1/apis").expect(200);
        publisher.post("/api/v1/apis", apiBody).expect(201);
    }

    @Test
    void publishersManageApisAndPlansAndApproveSubscriptions() {
        Client publisher = newUser("PUBLISHER", null);
        String apiId = publisher.post("/api/v1/apis", """
                {"name":"Pub","version":"v1","context":"/pub-%s/v1","type":"REST","upstream":"http://h"}
                """.formatted(unique())).expect(201).id();
        String planId = publisher.post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"Manual\",\"auth\":\"API_KEY\",\"approval\":\"MANUAL\"}")
                .expect(201).id();
        publisher.post("/api/v1/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}").expect(200);

        String organizationId = createOrganization();
        Client developer = newUser("DEVELOPER", organizationId);
        String applicationId = developer.post("/api/v1/organizations/" + organizationId + "/applications", "{\"name\":\"mine\"}")
                .expect(201).id();
        String subscriptionId = developer.post("/api/v1/subscriptions",
                "{\"applicationId\":\"" + applicationId + "\",\"planId\":\"" + planId + "\"}").expect(201).id();

        developer.post("/api/v1/subscriptions/" + subscriptionId + "/approve", null).problem(403, "forbidden");
        publisher.post("/api/v1/subscriptions/" + subscriptionId + "/approve", null).expect(200);
        publisher.post("/api/v1/subscriptions", "{\"applicationId\":\"" + applicationId + "\",\"planId\":\"" + planId + "\"}")
                .problem(403, "forbidden");
        developer.post("/api/v1/subscriptions/" + subscriptionId + "/cancel", null).expect(200);
    }

    @Test
    void aDeveloperWorksInTheirOwnOrganizationOnly() {
        String ownOrganization = createOrganization();
        String otherOrganization = createOrganization();
        Client developer = newUser("DEVELOPER", ownOrganization);
        String planId = createPlan(publish(createApi("catalog")), "AUTO");

        String ownApplication = developer.post("/api/v1/organizations/" + ownOrganization + "/applications", "{\"name\":\"mine\"}")
                .expect(201).id();
        developer.get("/api/v1/applications/" + ownApplication).expect(200);
        developer.post("/api/v1/applications/" + ownApplication + "/api-keys", "{\"name\":\"ci\"}").expect(201);
        developer.get("/api/v1/applications/" + ownApplication + "/api-keys").expect(200);
        developer.post("/api/v1/subscriptions", "{\"applicationId\":\"" + ownApplication + "\",\"planId\":\"" + planId + "\"}")
                .expect(201);
        developer.get("/api/v1/organizations/" + ownOrganization).expect(200);
        assertThat(developer.get("/api/v1/organizations").expect(200).json().valueStream().map(o -> o.get("id").asString()))
                .containsExactly(ownOrganization);

        String foreignApplication = createApplication(otherOrganization);
        String foreignKey = admin().post("/api/v1/applications/" + foreignApplication + "/api-keys", "{\"name\":\"theirs\"}")
                .expect(201).id();
        String foreignSubscription = admin().post("/api/v1/subscriptions",
                "{\"applicationId\":\"" + foreignApplication + "\",\"planId\":\"" + planId + "\"}").expect(201).id();

        developer.get("/api/v1/applications/" + foreignApplication).problem(403, "forbidden");
        developer.get("/api/v1/organizations/" + otherOrganization).problem(403, "forbidden");
        developer.get("/api/v1/organizations/" + otherOrganization + "/applications").problem(403, "forbidden");
        developer.post("/api/v1/organizations/" + otherOrganization + "/applications", "{\"name\":\"intruder\"}").problem(403, "forbidden");
        developer.get("/api/v1/applications/" + foreignApplication + "/api-keys").problem(403, "forbidden");
        developer.post("/api/v1/applications/" + foreignApplication + "/api-keys", "{\"name\":\"stolen\"}").problem(403, "forbidden");
        developer.delete("/api/v1/applications/" + foreignApplication + "/api-keys/" + foreignKey).problem(403, "forbidden");
        developer.get("/api/v1/applications/" + foreignApplication + "/subscriptions").problem(403, "forbidden");
        developer.get("/api/v1/subscriptions/" + foreignSubscription).problem(403, "forbidden");
        developer.post("/api/v1/subscriptions/" + foreignSubscription + "/cancel", null).problem(403, "forbidden");
        developer.post("/api/v1/subscriptions", "{\"applicationId\":\"" + foreignApplication + "\",\"planId\":\"" + planId + "\"}")
                .problem(403, "forbidden");
        developer.get("/api/v1/applications/" + UUID.randomUUID()).problem(403, "forbidden");
        assertThat(jdbc.queryForObject("select count(*) from api_key where application_id = ?", Integer.class,
                UUID.fromString(foreignApplication))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select revoked_at is null from api_key where id = ?", Boolean.class,
                UUID.fromString(foreignKey))).isTrue();
    }

    @Test
    void aDeveloperReadsOnlyThePublishedCatalog() {
        Client developer = newUser("DEVELOPER", createOrganization());
        String published = publish(createApi("visible"));
        String draft = createApi("hidden");
        createPlan(draft, "AUTO");

        assertThat(developer.get("/api/v1/apis").expect(200).json().valueStream().map(api -> api.get("id").asString()))
                .contains(published).doesNotContain(draft);
        developer.get("/api/v1/apis/" + published).expect(200);
        developer.get("/api/v1/apis/" + draft).problem(403, "forbidden");
        developer.get("/api/v1/apis/" + published + "/plans").expect(200);
        developer.get("/api/v1/apis/" + draft + "/plans").problem(403, "forbidden");
        assertThat(admin().get("/api/v1/apis").expect(200).json().valueStream().map(api -> api.get("id").asString()))
                .contains(published, draft);
    }

    @Test
    void healthAndPrometheusNeedNoLogin() {
        Client management = new Client(managementPort, null);
        assertThat(management.get("/actuator/health").expect(200).body()).contains("UP");
        management.get("/actuator/prometheus", "text/plain").expect(200);
    }
}
