package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A publisher sets an API's key header and credential forwarding with the management API, and the
 * gateway of the same process follows them on the next call.
 */
class ApiGatewayOptionsEndToEndTests extends GatewayEndToEndSupport {

    @Test
    void theGatewayReadsKeysFromTheApisHeaderAndForwardsThemOnlyWhenAsked() throws Exception {
        String context = "/options-" + unique() + "/v1";
        String spec = """
                {"name":"Options","version":"v1","context":"%s","type":"REST","upstream":"%s",
                 "keyHeader":"X-Acme-Key","connectTimeoutMs":2000,"forwardCredentials":%s}
                """;
        JsonNode api = admin().post("/api/v1/apis", spec.formatted(context, upstream.url(), true)).expect(201).json();
        String apiId = api.get("id").asString();
        assertThat(api.get("keyHeader").asString()).isEqualTo("X-Acme-Key");
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"Gold\",\"auth\":\"API_KEY\"}").expect(201).id();
        admin().post("/api/v1/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}").expect(200);
        String appId = createApplication(createOrganization());
        String key = admin().post("/api/v1/applications/" + appId + "/api-keys", "{\"name\":\"ci\"}").expect(201).json().get("key").asString();
        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);
        awaitGatewayServesCurrentRegistry();

        HttpResponse<String> admitted = callGateway(context + "/pets", "X-Acme-Key", key);
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(upstream.lastHeader("X-Acme-Key")).isEqualTo(key);

        HttpResponse<String> defaultHeader = callGateway(context + "/pets", "X-API-Key", key);
        assertThat(defaultHeader.statusCode()).isEqualTo(401);
        assertThat(defaultHeader.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-Acme-Key\"");

        admin().put("/api/v1/apis/" + apiId, spec.formatted(context, upstream.url(), false)).expect(200);
        awaitGatewayServesCurrentRegistry();

        assertThat(callGateway(context + "/pets/1", "X-Acme-Key", key).body()).isEqualTo("{\"path\":\"/pets/1\"}");
        assertThat(upstream.lastHeader("X-Acme-Key")).isNull();
    }
}
