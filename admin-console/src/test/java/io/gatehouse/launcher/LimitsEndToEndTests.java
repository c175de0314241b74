package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Application limits and backend protection, set through the management API and enforced by the gateway. */
class LimitsEndToEndTests extends GatewayEndToEndSupport {

    @Test
    void anApplicationLimitSetByAPublisherHoldsAtTheGateway() throws Exception {
        String context = "/limited-" + unique() + "/v1";
        String apiId = admin().post("/api/v1/apis", """
                {"name":"Limited","version":"v1","context":"%s","type":"REST","upstream":"%s"}
                """.formatted(context, upstream.url())).expect(201).id();
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"Keys\",\"auth\":\"API_KEY\"}").expect(201).id();
        publish(apiId);
        String orgId = createOrganization();
        String appId = createApplication(orgId);
        String key = admin().post("/api/v1/applications/" + appId + "/api-keys", "{\"name\":\"ci\"}").expect(201).json().get("key").asString();
        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);

        Client publisher = newUser("PUBLISHER", null);
        publisher.put("/api/v1/applications/" + appId + "/rate-limits", "{\"rateLimits\":[{\"limit\":2,\"period\":\"PT1H\"}]}").expect(200);
        Client developer = newUser("DEVELOPER", orgId);
        assertThat(developer.get("/api/v1/applications/" + appId + "/rate-limits").expect(200).json()
                .get("rateLimits").get(0).get("limit").asLong()).isEqualTo(2);
        developer.put("/api/v1/applications/" + appId + "/rate-limits", "{\"rateLimits\":[]}").problem(403, "forbidden");

        awaitGatewayServesCurrentRegistry();
        assertThat(call(context, key)).isEqualTo(200);
        assertThat(call(context, key)).isEqualTo(200);
        assertThat(call(context, key)).isEqualTo(429);
    }

    @Test
    void backendProtectionIsValidatedAndReadBack() {
        String apiId = createApi("backend");
        String path = "/api/v1/apis/" + apiId + "/backend-limits";

        assertThat(admin().put(path, "{\"rateLimits\":[{\"limit\":100,\"period\":\"soon\"}]}").errorPointers())
                .containsExactly("/rateLimits/0/period");
        admin().put(path, "{\"rateLimits\":[{\"limit\":100,\"period\":\"PT1S\",\"burst\":50}]}").expect(200);
        assertThat(admin().get(path).expect(200).json().get("rateLimits").get(0).get("burst").asLong()).isEqualTo(50);
        newUser("DEVELOPER", createOrganization()).put(path, "{\"rateLimits\":[]}").problem(403, "forbidden");
    }

    private int call(String context, String key) throws IOException, InterruptedException {
        return callGateway(context + "/pets", "X-API-Key", key).statusCode();
    }
}
