package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scopes per operation end to end, in one all-in-one process: a publisher imports an OpenAPI document
 * whose operations require OAuth scopes, an application gets tokens from the built-in authorization
 * server with and without them, and the gateway lets through only calls whose token carries the
 * matched operation's scopes.
 */
class OperationScopesEndToEndTests extends GatewayEndToEndSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String PETSTORE = """
            openapi: 3.0.3
            info: {title: Scoped Petstore, version: "1.0.0"}
            security:
              - oauth: [pets:read]
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses: {'200': {description: the pets}}
              /pets/{petId}:
                delete:
                  operationId: deletePet
                  security: [{oauth: [pets:write]}]
                  parameters: [{name: petId, in: path, required: true, schema: {type: string}}]
                  responses: {'204': {description: deleted}}
              /health:
                get:
                  operationId: health
                  security: []
                  responses: {'200': {description: up}}
            components:
              securitySchemes:
                oauth:
                  type: oauth2
                  flows:
                    clientCredentials:
                      tokenUrl: http://localhost:9000/oauth2/token
                      scopes: {pets:read: read pets, pets:write: change pets}
            """;

    @Test
    void aTokenNeedsTheScopesOfTheOperationItCalls() throws Exception {
        String context = "/scoped-" + unique() + "/v1";
        JsonNode api = admin().send("POST", "/api/v1/apis/import?context=" + context + "&upstream=" + upstream.url(), PETSTORE,
                "application/json", "application/yaml").expect(201).json();
        String apiId = api.get("id").asString();
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"OAuth\",\"auth\":\"OAUTH2\"}").expect(201).id();
        publish(apiId);
        String appId = createApplication(createOrganization());
        JsonNode client = admin().post("/api/v1/applications/" + appId + "/oauth-client", "").expect(201).json();
        String clientId = client.get("clientId").asString();
        String secret = client.get("clientSecret").asString();
        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);

        String bare = token(clientId, secret, null);
        String reader = token(clientId, secret, "pets:read");
        awaitGatewayServesCurrentRegistry();

        HttpResponse<String> refused = call("GET", context + "/pets", bare);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\", scope=\"pets:read\"");
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("https://gatehouse.dev/problems/insufficient-scope").contains("listPets");

        assertThat(call("GET", context + "/pets", reader).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", context + "/pets/7", reader).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"insufficient_scope\", scope=\"pets:write\"");
        assertThat(call("DELETE", context + "/pets/7", token(clientId, secret, "pets:read pets:write")).statusCode()).isEqualTo(200);
        assertThat(call("GET", context + "/health", bare).statusCode()).isEqualTo(200);
        assertThat(call("GET", context + "/undeclared", bare).statusCode()).isEqualTo(200);

        admin().put("/api/v1/apis/" + apiId + "/operations/listPets", "{\"scopes\":[\"pets:list\"]}").expect(200);
        awaitGatewayServesCurrentRegistry();
        assertThat(call("GET", context + "/pets", reader).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"insufficient_scope\", scope=\"pets:list\"");
        assertThat(call("GET", context + "/pets", token(clientId, secret, "pets:list")).statusCode()).isEqualTo(200);
    }

    @Test
    void theAuthorizationServerGrantsOnlyScopesOfSubscribedApis() throws Exception {
        String apiId = admin().send("POST", "/api/v1/apis/import?context=/granted-" + unique() + "&upstream=" + upstream.url(),
                PETSTORE, "application/json", "application/yaml").expect(201).id();
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"OAuth\",\"auth\":\"OAUTH2\"}").expect(201).id();
        publish(apiId);
        String appId = createApplication(createOrganization());
        JsonNode client = admin().post("/api/v1/applications/" + appId + "/oauth-client", "").expect(201).json();
        String clientId = client.get("clientId").asString();
        String secret = client.get("clientSecret").asString();

        HttpResponse<String> before = tokenResponse(clientId, secret, "pets:read");
        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(before.body()).contains("invalid_scope");

        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);
        assertThat(tokenResponse(clientId, secret, "pets:read pets:write").statusCode()).isEqualTo(200);
        assertThat(tokenResponse(clientId, secret, "pets:read admin:everything").body()).contains("invalid_scope");
        assertThat(tokenResponse(clientId, secret, null).statusCode()).isEqualTo(200);
    }

    private String token(String clientId, String secret, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = tokenResponse(clientId, secret, scope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    private HttpResponse<String> tokenResponse(String clientId, String secret, String scope) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                        + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String accessToken) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Authorization", "Bearer " + accessToken)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
