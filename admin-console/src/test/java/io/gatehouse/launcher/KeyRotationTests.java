package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Rotating a key through the management API: old and new both work at the gateway during the grace period only. */
class KeyRotationTests extends GatewayEndToEndSupport {

    @Test
    void oldAndNewKeysOverlapForTheGracePeriod() throws Exception {
        String context = "/rotate-" + unique() + "/v1";
        String apiId = admin().post("/api/v1/apis", """
                {"name":"Rotate","version":"v1","context":"%s","type":"REST","upstream":"%s"}
                """.formatted(context, upstream.url())).expect(201).id();
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"Keys\",\"auth\":\"API_KEY\"}").expect(201).id();
        publish(apiId);
        String appId = createApplication(createOrganization());
        JsonNode issued = admin().post("/api/v1/applications/" + appId + "/api-keys", "{\"name\":\"ci\"}").expect(201).json();
        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);
        String oldKey = issued.get("key").asString();

        Reply rotated = admin().post("/api/v1/applications/" + appId + "/api-keys/" + issued.get("id").asString() + "/rotate",
                "{\"gracePeriod\":\"PT3S\"}").expect(201);
        String newKey = rotated.json().get("key").asString();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(rotated.json().get("name").asString()).isEqualTo("ci");
        assertThat(admin().get(URI.create(rotated.header("Location")).getPath()).expect(200).json().has("key")).isFalse();

        awaitGatewayServesCurrentRegistry();
        assertThat(call(context, oldKey)).isEqualTo(200);
        assertThat(call(context, newKey)).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> call(context, oldKey) == 401);
        assertThat(call(context, newKey)).isEqualTo(200);
    }

    @Test
    void refusesABadGracePeriodAndRevokedKeys() {
        String appId = createApplication(createOrganization());
        String keyId = admin().post("/api/v1/applications/" + appId + "/api-keys", "{\"name\":\"ci\"}").expect(201).id();
        String rotate = "/api/v1/applications/" + appId + "/api-keys/" + keyId + "/rotate";

        assertThat(admin().post(rotate, "{\"gracePeriod\":\"a while\"}").errorPointers()).containsExactly("/gracePeriod");
        admin().post(rotate, "{\"gracePeriod\":\"P90D\"}").problem(400, "invalid-input");
        admin().delete("/api/v1/applications/" + appId + "/api-keys/" + keyId).expect(204);
        admin().post(rotate, "{}").problem(409, "conflict");
    }

    private int call(String context, String key) throws IOException, InterruptedException {
        return callGateway(context + "/pets", "X-API-Key", key).statusCode();
    }
}
