package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * §1 end to end, in one all-in-one process: an application gets an OAuth client from the management
 * API, a token from the built-in authorization server, and calls an {@code OAUTH2} plan's API through
 * the gateway, which verifies the token against the server's JWKS.
 */
class OAuthEndToEndTests extends GatewayEndToEndSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTokenFromTheBuiltInServerOpensAnOAuth2Plan() throws Exception {
        String suffix = unique();
        String apiId = manage("POST", "/apis", """
                {"name":"Tokens","version":"v1","context":"/tokens-%s/v1","type":"REST","upstream":"%s"}
                """.formatted(suffix, upstream.url())).get("id").asString();
        String planId = manage("POST", "/apis/" + apiId + "/plans", "{\"name\":\"OAuth\",\"auth\":\"OAUTH2\"}").get("id").asString();
        manage("POST", "/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}");
        String orgId = manage("POST", "/organizations", "{\"name\":\"token-org-" + unique() + "\"}").get("id").asString();
        String appId = manage("POST", "/organizations/" + orgId + "/applications", "{\"name\":\"token-app\"}").get("id").asString();
        JsonNode client = manage("POST", "/applications/" + appId + "/oauth-client", null);
        manage("POST", "/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}");

        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", basic(client.get("clientId").asString(), client.get("clientSecret").asString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asString();

        awaitGatewayServesCurrentRegistry();
        assertThat(call(suffix, "Bearer " + accessToken).statusCode()).isEqualTo(200);
        assertThat(call(suffix, "Bearer " + accessToken.substring(0, accessToken.length() - 4) + "AAAA").statusCode()).isEqualTo(401);
        assertThat(call(suffix, null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    private HttpResponse<String> call(String suffix, String authorization) throws IOException, InterruptedException {
        return callGateway("/tokens-" + suffix + "/v1/pets", "Authorization", authorization);
    }

    private JsonNode manage(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1" + path))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isIn(200, 201);
        return JSON.readTree(response.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
