package io.gatehouse.console.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /apis/import} and {@code GET /apis/{id}/spec} over real HTTP, with public OpenAPI
 * documents (platform-core's test resources {@code openapi/}, SOURCES.md there) and broken ones.
 */
class ApiImportControllerTests extends ManagementApiTestSupport {

    @Test
    void importsPetstoreAsADraftRestApiWithItsOperations() {
        String context = "/petstore-" + unique() + "/v1";
        Reply reply = importDocument("petstore.yaml", "application/yaml", "context=" + context + "&upstream=http://127.0.0.1:9101");

        JsonNode api = reply.expect(201).json();
        assertThat(reply.header("Location")).endsWith("/api/v1/apis/" + api.get("id").asString());
        assertThat(api.get("type").asString()).isEqualTo("REST");
        assertThat(api.get("state").asString()).isEqualTo("DRAFT");
        assertThat(api.get("name").asString()).isEqualTo("Swagger Petstore");
        assertThat(api.get("version").asString()).isEqualTo("1.0.0");
        assertThat(api.get("context").asString()).isEqualTo(context);
        assertThat(api.get("upstream").asString()).isEqualTo("http://127.0.0.1:9101");
        assertThat(operations(api)).containsOnlyKeys("GET /pets", "POST /pets", "GET /pets/{petId}");
        assertThat(api.get("operations").get(0).has("id")).isTrue();

        JsonNode stored = admin().get("/api/v1/apis/" + api.get("id").asString()).expect(200).json();
        assertThat(stored.get("name").asString()).isEqualTo("Swagger Petstore");
        assertThat(stored.has("specDocument")).isFalse();
    }

    @Test
    void importsOAuthScopesPerOperation() {
        JsonNode api = importDocument("tictactoe.yaml", "application/yaml", query()).expect(201).json();

        assertThat(api.get("name").asString()).isEqualTo("Tic Tac Toe");
        assertThat(operations(api)).isEqualTo(Map.of(
                "GET /board", "board:read",
                "GET /board/{row}/{column}", "board:read",
                "PUT /board/{row}/{column}", "board:write"));
    }

    @Test
    void importsJsonAndRealWorldDocuments() {
        assertThat(importDocument("petstore-expanded.json", "application/json", query()).expect(201).json().get("operations").size()).isEqualTo(4);
        assertThat(importDocument("tictactoe.json", "application/vnd.oai.openapi+json", query()).expect(201).json().get("operations").size()).isEqualTo(3);
        JsonNode twilio = importDocument("twilio_events_v1.yaml", "application/x-yaml", query()).expect(201).json();
        assertThat(twilio.get("name").asString()).isEqualTo("Twilio - Events");
        assertThat(twilio.get("operations").size()).isEqualTo(22);
        assertThat(twilio.get("description").asString()).isNotBlank();
        JsonNode roles = importDocument("non-oauth-scopes.yaml", "application/yaml", query()).expect(201).json();
        assertThat(operations(roles)).isEqualTo(Map.of("GET /users", ""));
        assertThat(importDocument("apis.guru-2.2.0.yaml", "text/yaml", query()).expect(201).json().get("operations").size()).isEqualTo(7);
    }

    @Test
    void theSpecComesBackAsImported() {
        String yaml = new String(resource("tictactoe.yaml"), StandardCharsets.UTF_8);
        String yamlId = importDocument("tictactoe.yaml", "application/yaml", query()).expect(201).id();
        String jsonId = importDocument("petstore-expanded.json", "application/json", query()).expect(201).id();

        Reply spec = admin().get("/api/v1/apis/" + yamlId + "/spec", "*/*").expect(200);
        assertThat(spec.header("Content-Type")).startsWith("application/yaml");
        assertThat(spec.body()).isEqualTo(yaml);
        Reply json = admin().get("/api/v1/apis/" + jsonId + "/spec", "application/json").expect(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.body()).isEqualTo(new String(resource("petstore-expanded.json"), StandardCharsets.UTF_8));

        String handMade = createApi("handmade");
        admin().get("/api/v1/apis/" + handMade + "/spec").problem(404, "not-found");
    }

    @Test
    void anInvalidDocumentIsA400ListingEachProblemWithAPointer() {
        String broken = """
                openapi: 3.0.3
                info: {version: "1"}
                paths:
                  /pets/{petId}:
                    get:
                      security: [{oauth: ['read pets']}]
                      responses: oops
                components:
                  securitySchemes:
                    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://x.example/t', scopes: {}}}}
                """;

        Reply reply = send(broken, "application/yaml", query());

        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).contains("/info/title", "/paths/~1pets~1{petId}/get/responses",
                "/paths/~1pets~1{petId}/get/security/0/oauth/0");
        send("openapi: 3.0.0\ninfo: [1\n", "application/yaml", query()).problem(400, "invalid-input");
        send("{\"openapi\": ", "application/json", query()).problem(400, "invalid-input");
        assertThat(send("title: not an api\n", "application/yaml", query()).errorPointers()).containsExactly("/openapi");
    }

    @Test
    void anExternalReferenceIsA400AtOnce() {
        String remote = """
                openapi: 3.1.0
                info: {title: Remote, version: "1"}
                paths:
                  /a:
                    get:
                      responses:
                        '200': {$ref: 'https://10.255.255.1/responses.yaml#/ok'}
                """;
        long started = System.nanoTime();

        Reply reply = send(remote, "application/yaml", query());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(reply.problem(400, "invalid-input").get("errors").get(0).get("detail").asString()).contains("bundled document");
        assertThat(reply.errorPointers()).containsExactly("/paths/~1a/get/responses/200/$ref");
    }

    @Test
    void aSwaggerDocumentIsRefusedAsUnsupported() {
        Reply reply = send("swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n", "application/yaml", query());

        assertThat(reply.problem(415, "unsupported-media-type").get("detail").asString()).contains("Swagger 2.0");
        assertThat(reply.errorPointers()).containsExactly("/swagger");
    }

    @Test
    void contextAndUpstreamAreRequiredAndTheContextMustBeFree() {
        Reply missing = importDocument("petstore.yaml", "application/yaml", "upstream=http://127.0.0.1:9101");
        missing.problem(400, "invalid-input");
        assertThat(missing.errorPointers()).containsExactly("/context");
        assertThat(importDocument("petstore.yaml", "application/yaml", "context=/p-" + unique()).errorPointers()).containsExactly("/upstream");

        String context = "/taken-" + unique();
        importDocument("petstore.yaml", "application/yaml", "context=" + context + "&upstream=http://127.0.0.1:9101").expect(201);
        importDocument("petstore.yaml", "application/yaml", "context=" + context + "&upstream=http://127.0.0.1:9101").problem(409, "conflict");
        assertThat(admin().get("/api/v1/apis").json().valueStream().filter(api -> api.get("context").asString().equals(context)).count())
                .isEqualTo(1);
    }

    @Test
    void nameAndVersionMayBeGivenAndABadDocumentVersionIsPointedAtInTheDocument() {
        String odd = "openapi: 3.0.3\ninfo: {title: Odd, version: '1.0 beta'}\npaths: {}\n";

        assertThat(send(odd, "application/yaml", query()).errorPointers()).containsExactly("/info/version");
        JsonNode api = send(odd, "application/yaml", query() + "&version=v1&name=Renamed").expect(201).json();
        assertThat(api.get("version").asString()).isEqualTo("v1");
        assertThat(api.get("name").asString()).isEqualTo("Renamed");
    }

    @Test
    void onlyPublishersImportAndDevelopersReadTheSpecsOfPublishedApis() {
        Client developer = newUser("DEVELOPER", createOrganization());
        developer.send("POST", "/api/v1/apis/import?" + query(), new String(resource("petstore.yaml"), StandardCharsets.UTF_8),
                "application/json", "application/yaml").problem(403, "forbidden");
        Client publisher = newUser("PUBLISHER", null);
        String id = publisher.send("POST", "/api/v1/apis/import?" + query(), new String(resource("petstore.yaml"), StandardCharsets.UTF_8),
                "application/json", "application/yaml").expect(201).id();

        developer.get("/api/v1/apis/" + id + "/spec").problem(403, "forbidden");
        publish(id);
        developer.get("/api/v1/apis/" + id + "/spec", "*/*").expect(200);
        admin().send("POST", "/api/v1/apis/import?" + query(), "openapi: 3.0.0", "application/json", "text/plain")
                .problem(415, "unsupported-media-type");
    }

    private static String query() {
        return "context=/imported-" + unique() + "/v1&upstream=http://127.0.0.1:9101";
    }

    private Reply importDocument(String resource, String contentType, String query) {
        return send(new String(resource(resource), StandardCharsets.UTF_8), contentType, query);
    }

    private Reply send(String document, String contentType, String query) {
        return admin().send("POST", "/api/v1/apis/import?" + query, document, "application/json", contentType);
    }

    /** "METHOD path" → the operation's scopes, space-separated; of an API, or of a list of operations. */
    static Map<String, String> operations(JsonNode apiOrOperations) {
        JsonNode operations = apiOrOperations.isArray() ? apiOrOperations : apiOrOperations.get("operations");
        return operations.valueStream().collect(Collectors.toMap(
                operation -> operation.get("method").asString() + " " + operation.get("path").asString(),
                operation -> String.join(" ", operation.get("scopes").valueStream().map(JsonNode::asString).toList())));
    }

    static byte[] resource(String name) {
        try (InputStream in = ApiImportControllerTests.class.getResourceAsStream("/openapi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
