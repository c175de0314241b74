package io.gatehouse.console.plan.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PlanControllerTests extends ManagementApiTestSupport {

    @Test
    void anApiKeyPlanWithARateLimitIsCreatedReadAndClosed() {
        String apiId = createApi("plans");
        var created = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Gold","auth":"API_KEY","rateLimits":[{"limit":5,"period":"PT1M"}],
                 "quota":{"limit":1000,"period":"MONTH"},"pricing":{"model":"PER_UNIT","currency":"EUR","unitPrice":"0.001","meter":"REQUESTS"}}
                """).expect(201);
        JsonNode plan = created.json();
        String id = plan.get("id").asString();
        assertThat(created.header("Location")).endsWith("/api/v1/plans/" + id);
        assertThat(plan.get("apiId").asString()).isEqualTo(apiId);
        assertThat(plan.get("auth").asString()).isEqualTo("API_KEY");
        assertThat(plan.get("rateLimits").get(0).get("limit").asLong()).isEqualTo(5);
        assertThat(plan.get("rateLimits").get(0).get("period").asString()).isEqualTo("PT1M");
        assertThat(plan.get("approval").asString()).isEqualTo("AUTO");
        assertThat(plan.get("pricing").get("unitPrice").asString()).isEqualTo("0.001");
        assertThat(plan.get("state").asString()).isEqualTo("OPEN");

        assertThat(admin().get("/api/v1/apis/" + apiId + "/plans").expect(200).json().size()).isEqualTo(1);
        assertThat(admin().get("/api/v1/plans/" + id).expect(200).json().get("name").asString()).isEqualTo("Gold");
        assertThat(admin().put("/api/v1/plans/" + id, """
                {"name":"Platinum","auth":"API_KEY","rateLimits":[{"limit":50,"period":"PT1S"}]}
                """).expect(200).json().get("name").asString()).isEqualTo("Platinum");
        assertThat(admin().post("/api/v1/plans/" + id + "/close", null).expect(200).json().get("state").asString()).isEqualTo("CLOSED");
        admin().post("/api/v1/plans/" + id + "/close", null).problem(409, "conflict");
    }

    @Test
    void plansOfEventApisCarryPermissionsWhichDefaultToSubscribe() {
        String eventApi = admin().post("/api/v1/apis", """
                {"name":"Events","version":"v1","context":"/plan-events-%s/v1","type":"EVENT","channels":["news"]}
                """.formatted(unique())).expect(201).id();

        JsonNode both = admin().post("/api/v1/apis/" + eventApi + "/plans", """
                {"name":"Both","auth":"API_KEY","permissions":["SUBSCRIBE","PUBLISH","PUBLISH"]}
                """).expect(201).json();
        assertThat(both.get("permissions").toString()).isEqualTo("[\"SUBSCRIBE\",\"PUBLISH\"]");
        assertThat(admin().post("/api/v1/apis/" + eventApi + "/plans", "{\"name\":\"Default\",\"auth\":\"KEYLESS\"}")
                .expect(201).json().get("permissions").toString()).isEqualTo("[\"SUBSCRIBE\"]");
        assertThat(admin().post("/api/v1/apis/" + eventApi + "/plans", "{\"name\":\"X\",\"auth\":\"KEYLESS\",\"permissions\":[\"WRITE\"]}")
                .errorPointers()).containsExactly("/permissions/0");

        String restApi = createApi("plan-rest-permissions");
        var publish = admin().post("/api/v1/apis/" + restApi + "/plans", "{\"name\":\"X\",\"auth\":\"KEYLESS\",\"permissions\":[\"PUBLISH\"]}");
        publish.problem(400, "invalid-input");
        assertThat(publish.errorPointers()).containsExactly("/permissions/0");
    }

    @Test
    void plansOfEventApisLimitTheirStreams() {
        String eventApi = admin().post("/api/v1/apis", """
                {"name":"Events","version":"v1","context":"/plan-streams-%s/v1","type":"EVENT","channels":["news"]}
                """.formatted(unique())).expect(201).id();

        JsonNode limited = admin().post("/api/v1/apis/" + eventApi + "/plans", """
                {"name":"Limited","auth":"API_KEY","streams":{"maxConnections":5,"overRateLimit":"HOLD"}}
                """).expect(201).json();
        assertThat(limited.get("streams").toString()).isEqualTo("{\"maxConnections\":5,\"overRateLimit\":\"HOLD\"}");
        assertThat(admin().get("/api/v1/plans/" + limited.get("id").asString()).expect(200).json().get("streams").get("maxConnections")
                .asInt()).isEqualTo(5);
        assertThat(admin().post("/api/v1/apis/" + eventApi + "/plans", "{\"name\":\"Unlimited\",\"auth\":\"API_KEY\",\"streams\":{}}")
                .expect(201).json().get("streams").toString()).isEqualTo("{\"maxConnections\":null,\"overRateLimit\":\"DROP\"}");
        assertThat(admin().post("/api/v1/apis/" + eventApi + "/plans", """
                {"name":"X","auth":"API_KEY","streams":{"maxConnections":0}}
                """).errorPointers()).containsExactly("/streams/maxConnections");
        assertThat(admin().post("/api/v1/apis/" + eventApi + "/plans", """
                {"name":"X","auth":"API_KEY","streams":{"overRateLimit":"WAIT"}}
                """).errorPointers()).containsExactly("/streams/overRateLimit");

        String restApi = createApi("plan-rest-streams");
        assertThat(admin().post("/api/v1/apis/" + restApi + "/plans", "{\"name\":\"X\",\"auth\":\"KEYLESS\",\"streams\":{\"maxConnections\":1}}")
                .errorPointers()).containsExactly("/streams");
    }

    @Test
    void invalidPlansNameEachField() {
        String apiId = createApi("badplans");
        var reply = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":" ","auth":"API_KEY","rateLimits":[{"limit":0,"period":"soon"}],"pricing":{"model":"GRATIS"}}
                """);
        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers())
                .containsExactlyInAnyOrder("/name", "/rateLimits/0/limit", "/rateLimits/0/period", "/pricing/model");

        var badAuth = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"X\",\"auth\":\"PASSWORD\"}");
        badAuth.problem(400, "invalid-input");
        assertThat(badAuth.errorPointers()).containsExactly("/auth");

        var badLimit = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"X","auth":"KEYLESS","rateLimits":[{"limit":"many","period":"PT1S"}]}
                """);
        badLimit.problem(400, "invalid-input");
        assertThat(badLimit.errorPointers()).containsExactly("/rateLimits/0/limit");
    }

    @Test
    void anOAuthPlanCarriesItsExternalProvider() {
        String apiId = createApi("oauthplans");
        JsonNode plan = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Partners","auth":"OAUTH2",
                 "oauth":{"issuer":"https://login.partner.example","audience":"api://orders","clientClaim":"azp"}}
                """).expect(201).json();

        assertThat(plan.get("oauth").get("issuer").asString()).isEqualTo("https://login.partner.example");
        assertThat(plan.get("oauth").get("audience").asString()).isEqualTo("api://orders");
        assertThat(plan.get("oauth").get("clientClaim").asString()).isEqualTo("azp");
        assertThat(admin().get("/api/v1/plans/" + plan.get("id").asString()).expect(200).json()
                .get("oauth").get("issuer").asString()).isEqualTo("https://login.partner.example");

        var onKeys = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Keys","auth":"API_KEY","oauth":{"issuer":"https://login.partner.example","audience":"x"}}
                """);
        onKeys.problem(400, "invalid-input");
        assertThat(onKeys.errorPointers()).containsExactly("/oauth");
    }

    @Test
    void plansOfUnknownApisAndUnknownPlansAre404() {
        admin().post("/api/v1/apis/" + UUID.randomUUID() + "/plans", "{\"name\":\"Gold\",\"auth\":\"KEYLESS\"}")
                .problem(404, "not-found");
        admin().get("/api/v1/apis/" + UUID.randomUUID() + "/plans").problem(404, "not-found");
        admin().get("/api/v1/plans/" + UUID.randomUUID()).problem(404, "not-found");
        admin().post("/api/v1/plans/" + UUID.randomUUID() + "/close", null).problem(404, "not-found");
    }
}
