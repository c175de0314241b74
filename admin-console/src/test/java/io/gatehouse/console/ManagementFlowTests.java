package io.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.credential.ApiKeys;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The management flow of issue 2, as admin over HTTP Basic: API, plan, publish, organization, application, key, subscription. */
class ManagementFlowTests extends ManagementApiTestSupport {

    @Test
    void adminPublishesAnApiAndSubscribesAnApplicationWithAKeyShownOnce() {
        String context = "/petstore-" + unique() + "/v1";
        String apiId = admin().post("/api/v1/apis", """
                {"name":"Petstore","version":"v1","context":"%s","type":"REST","upstream":"http://127.0.0.1:9101"}
                """.formatted(context)).expect(201).id();
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Gold","auth":"API_KEY","rateLimits":[{"limit":5,"period":"PT1M"}]}
                """).expect(201).id();
        assertThat(admin().post("/api/v1/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}").expect(200)
                .json().get("state").asString()).isEqualTo("PUBLISHED");

        var organization = admin().post("/api/v1/organizations", "{\"name\":\"Acme " + unique() + "\"}").expect(201);
        String organizationId = organization.id();
        assertThat(organization.header("Location")).endsWith("/api/v1/organizations/" + organizationId);
        var application = admin().post("/api/v1/organizations/" + organizationId + "/applications", "{\"name\":\"acme-mobile\"}")
                .expect(201);
        String applicationId = application.id();
        assertThat(application.json().get("organizationId").asString()).isEqualTo(organizationId);
        assertThat(application.header("Location")).endsWith("/api/v1/applications/" + applicationId);

        var issued = admin().post("/api/v1/applications/" + applicationId + "/api-keys", "{\"name\":\"ci\",\"expiresAt\":null}")
                .expect(201);
        JsonNode key = issued.json();
        String plaintext = key.get("key").asString();
        assertThat(plaintext).startsWith("gh_");
        assertThat(key.get("prefix").asString()).isEqualTo(plaintext.substring(0, key.get("prefix").asString().length()));
        assertThat(key.has("id")).isTrue();
        assertThat(key.has("createdAt")).isTrue();
        assertThat(key.has("expiresAt")).isTrue();
        assertThat(issued.body()).doesNotContain(ApiKeys.hash(plaintext)).doesNotContain("keyHash");

        List<Map<String, Object>> stored = jdbc.queryForList("select * from api_key where application_id = ?", UUID.fromString(applicationId));
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().get("key_hash")).isEqualTo(ApiKeys.hash(plaintext));
        assertThat(stored.getFirst().values()).noneMatch(value -> String.valueOf(value).contains(plaintext));

        var listed = admin().get("/api/v1/applications/" + applicationId + "/api-keys").expect(200);
        assertThat(listed.json().size()).isEqualTo(1);
        assertThat(listed.json().get(0).has("key")).isFalse();
        assertThat(listed.body()).doesNotContain(plaintext).doesNotContain(ApiKeys.hash(plaintext)).doesNotContainIgnoringCase("hash");

        var subscription = admin().post("/api/v1/subscriptions",
                "{\"applicationId\":\"" + applicationId + "\",\"planId\":\"" + planId + "\"}").expect(201);
        assertThat(subscription.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(subscription.header("Location")).endsWith("/api/v1/subscriptions/" + subscription.id());
        assertThat(admin().get("/api/v1/subscriptions/" + subscription.id()).expect(200).json().get("planId").asString())
                .isEqualTo(planId);
        assertThat(admin().get("/api/v1/applications/" + applicationId + "/subscriptions").expect(200).json().size()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from subscription where id = ?", String.class,
                UUID.fromString(subscription.id()))).isEqualTo("ACTIVE");
    }

    @Test
    void aRevokedKeyIsListedAsRevoked() {
        String applicationId = createApplication(createOrganization());
        String keyId = admin().post("/api/v1/applications/" + applicationId + "/api-keys", "{\"name\":\"temp\"}").expect(201).id();
        admin().delete("/api/v1/applications/" + applicationId + "/api-keys/" + keyId).expect(204);
        assertThat(admin().get("/api/v1/applications/" + applicationId + "/api-keys").expect(200).json().get(0)
                .get("revokedAt").isNull()).isFalse();
        admin().delete("/api/v1/applications/" + applicationId + "/api-keys/" + UUID.randomUUID()).problem(404, "not-found");
        var pastExpiry = admin().post("/api/v1/applications/" + applicationId + "/api-keys",
                "{\"name\":\"old\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}");
        pastExpiry.problem(400, "invalid-input");
        assertThat(pastExpiry.errorPointers()).containsExactly("/expiresAt");
    }

    @Test
    void manualPlansWaitForApprovalAndSubscriptionsMoveThroughTheirStates() {
        String planId = createPlan(publish(createApi("manual")), "MANUAL");
        String applicationId = createApplication(createOrganization());
        String body = "{\"applicationId\":\"" + applicationId + "\",\"planId\":\"" + planId + "\"}";
        var pending = admin().post("/api/v1/subscriptions", body).expect(201);
        assertThat(pending.json().get("status").asString()).isEqualTo("PENDING");
        admin().post("/api/v1/subscriptions", body).problem(409, "conflict");

        String id = pending.id();
        assertThat(admin().post("/api/v1/subscriptions/" + id + "/approve", null).expect(200).json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(admin().post("/api/v1/subscriptions/" + id + "/suspend", null).expect(200).json().get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(admin().post("/api/v1/subscriptions/" + id + "/resume", null).expect(200).json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(admin().post("/api/v1/subscriptions/" + id + "/cancel", null).expect(200).json().get("status").asString()).isEqualTo("CANCELLED");
        admin().post("/api/v1/subscriptions/" + id + "/resume", null).problem(409, "conflict");

        String rejected = admin().post("/api/v1/subscriptions", body).expect(201).id();
        assertThat(admin().post("/api/v1/subscriptions/" + rejected + "/reject", null).expect(200).json().get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void subscriptionsNameInvalidAndUnknownReferences() {
        var invalid = admin().post("/api/v1/subscriptions", "{\"applicationId\":\"nope\"}");
        invalid.problem(400, "invalid-input");
        assertThat(invalid.errorPointers()).containsExactly("/applicationId");

        var missing = admin().post("/api/v1/subscriptions", "{}");
        missing.problem(400, "invalid-input");
        assertThat(missing.errorPointers()).containsExactly("/applicationId", "/planId");

        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + UUID.randomUUID() + "\"}")
                .problem(404, "not-found");
        admin().get("/api/v1/subscriptions/" + UUID.randomUUID()).problem(404, "not-found");
        admin().get("/api/v1/applications/" + UUID.randomUUID()).problem(404, "not-found");
        admin().get("/api/v1/organizations/" + UUID.randomUUID()).problem(404, "not-found");
        admin().post("/api/v1/organizations/" + UUID.randomUUID() + "/applications", "{\"name\":\"x\"}").problem(404, "not-found");
    }

    @Test
    void draftApisTakeNoSubscriptions() {
        String planId = createPlan(createApi("unpublished"), "AUTO");
        String applicationId = createApplication(createOrganization());
        var reply = admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + applicationId + "\",\"planId\":\"" + planId + "\"}");
        reply.problem(409, "conflict");
        assertThat(reply.errorPointers()).containsExactly("/planId");
    }
}
