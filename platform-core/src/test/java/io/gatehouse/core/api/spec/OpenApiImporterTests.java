package io.gatehouse.core.api.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.operation.OperationMethod;
import io.gatehouse.core.api.operation.OperationSpec;
import io.gatehouse.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The importer on real public documents (test resources {@code openapi/}, see SOURCES.md there) and on broken ones. */
class OpenApiImporterTests {

    private final OpenApiImporter importer = new OpenApiImporter();

    @Test
    void petstoreHasThreeOperationsAndNoScopes() {
        ImportedApi api = read("petstore.yaml");

        assertThat(api.type()).isEqualTo(ApiType.REST);
        assertThat(api.name()).isEqualTo("Swagger Petstore");
        assertThat(api.version()).isEqualTo("1.0.0");
        assertThat(operations(api)).containsOnlyKeys("GET /pets", "POST /pets", "GET /pets/{petId}");
        assertThat(api.operations()).extracting(OperationSpec::operationId).containsExactlyInAnyOrder("listPets", "createPets", "showPetById");
        assertThat(api.operations()).allSatisfy(operation -> assertThat(operation.scopes()).isEmpty());
    }

    @Test
    void aJsonDocumentReadsLikeItsYamlTwin() {
        ImportedApi yaml = read("tictactoe.yaml");
        ImportedApi json = importer.read(SpecDocument.parse(resource("tictactoe.json"), SpecSyntax.JSON));

        assertThat(operations(json)).isEqualTo(operations(yaml));
        assertThat(read("petstore-expanded.json", SpecSyntax.JSON).operations()).hasSize(4);
    }

    @Test
    void tictactoeTakesTheScopesOfItsOAuthRequirementsOnly() {
        ImportedApi api = read("tictactoe.yaml");

        assertThat(api.version()).isEqualTo("1.0.0");
        assertThat(operations(api)).isEqualTo(Map.of(
                "GET /board", List.of("board:read"),
                "GET /board/{row}/{column}", List.of("board:read"),
                "PUT /board/{row}/{column}", List.of("board:write")));
    }

    @Test
    void scopesOfNonOAuthSchemesAreRolesAndNotRequired() {
        ImportedApi api = read("non-oauth-scopes.yaml");

        assertThat(operations(api)).isEqualTo(Map.of("GET /users", List.of()));
    }

    @Test
    void twilioDocumentsWithBasicAuthImportWithoutScopes() {
        ImportedApi events = read("twilio_events_v1.yaml");
        ImportedApi oauth = read("twilio_oauth_v1.yaml");

        assertThat(events.name()).isEqualTo("Twilio - Events");
        assertThat(events.operations()).hasSize(22);
        assertThat(operations(events)).containsKeys("GET /v1/Sinks/{Sid}", "DELETE /v1/Sinks/{Sid}", "POST /v1/Subscriptions");
        assertThat(oauth.operations()).hasSize(2);
        assertThat(events.operations()).allSatisfy(operation -> assertThat(operation.scopes()).isEmpty());
    }

    @Test
    void otherRealDocumentsImport() {
        assertThat(read("apis.guru-2.2.0.yaml").operations()).hasSize(7);
        assertThat(read("uspto.json", SpecSyntax.JSON).operations()).hasSize(3);
        assertThat(read("link-example.yaml").operations()).hasSize(6);
        assertThat(read("callback-example.yaml").operations()).extracting(OperationSpec::method).containsExactly(OperationMethod.POST);
        assertThat(read("webhook-example.yaml").operations()).isEmpty();
    }

    @Test
    void anOperationsOwnEmptySecurityOverridesTheDocuments() {
        ImportedApi api = read("""
                openapi: 3.0.3
                info: {title: Orders, version: v2}
                security:
                  - oauth: [orders:read]
                paths:
                  /orders:
                    get: {responses: {'200': {description: ok}}}
                    post:
                      security: [{oauth: [orders:write, orders:read]}, {apiKey: []}]
                      responses: {'200': {description: ok}}
                  /health:
                    get:
                      security: []
                      responses: {'200': {description: ok}}
                components:
                  securitySchemes:
                    apiKey: {type: apiKey, in: header, name: X-API-Key}
                    oauth:
                      type: oauth2
                      flows: {clientCredentials: {tokenUrl: 'https://auth.example/token', scopes: {orders:read: r, orders:write: w}}}
                """.getBytes(StandardCharsets.UTF_8), SpecSyntax.YAML);

        assertThat(operations(api)).isEqualTo(Map.of(
                "GET /orders", List.of("orders:read"),
                "POST /orders", List.of("orders:write", "orders:read"),
                "GET /health", List.of()));
    }

    @Test
    void anInvalidDocumentListsEveryProblemWithAPointer() {
        String broken = """
                openapi: 3.0.3
                info:
                  version: "1"
                paths:
                  pets:
                    get:
                      responses: {'200': {description: ok}}
                  /pets/{petId}:
                    get:
                      operationId: showPet
                      security: [{oauth: ['read pets']}, {nobody: []}]
                      responses: {'200': {description: ok}}
                    post:
                      operationId: showPet
                      responses: oops
                  /pets/{id}:
                    get: {responses: {'200': {description: ok}}}
                components:
                  securitySchemes:
                    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://x.example/t', scopes: {}}}}
                """;

        assertThat(problems(broken)).contains(
                "/info/title: is required",
                "/paths/~1pets~1{petId}/post/responses: is not of type `object`",
                "/paths/~1pets~1{petId}/get/security/0/oauth/0: is not an OAuth scope: printable ASCII without spaces, '\"' or '\\'",
                "/paths/~1pets~1{petId}/get/security/1/nobody: names no security scheme of components.securitySchemes",
                "/paths/~1pets~1{id}/get: matches the same requests as /paths/~1pets~1{petId}/get (paths differing only in parameter names are identical)",
                "/paths/~1pets~1{petId}/post/operationId: is repeated");
        assertThat(problems(broken)).anySatisfy(problem -> assertThat(problem).startsWith("/paths/pets: "));
    }

    @Test
    void externalReferencesAreRefusedQuicklyWithoutBeingFetched() {
        String remote = """
                openapi: 3.1.0
                info: {title: Remote, version: "1"}
                paths:
                  /a:
                    $ref: 'http://10.255.255.1/paths.yaml#/a'
                  /b:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: './schemas/pet.json'}
                """;
        long started = System.nanoTime();

        List<String> problems = problems(remote);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("/paths/~1a/$ref: refers outside the document"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("/paths/~1b/get/responses/200/content/application~1json/schema/$ref: refers outside the document"));
    }

    @Test
    void aReferenceToNothingIsPointedAt() {
        assertThat(problems("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /x:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Missing'}
                """)).containsExactly("/paths/~1x/get/responses/200/content/application~1json/schema/$ref: "
                + "refers to #/components/schemas/Missing, which is not in the document");
    }

    @Test
    void anUnknownVersionOrABrokenSyntaxIsPointedAt() {
        assertThat(problems("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n"))
                .containsExactly("/openapi: must be an OpenAPI version 3.0.x or 3.1.x, such as \"3.1.0\"; was \"4.0.0\"");
        assertThatThrownBy(() -> SpecDocument.parse("openapi: 3.0.0\ninfo: [1\n  title: x".getBytes(StandardCharsets.UTF_8), SpecSyntax.YAML))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().getFirst().detail())
                        .startsWith("is not valid YAML at line 3"));
        assertThatThrownBy(() -> SpecDocument.parse("{\"openapi\": \"3.0.0\", \"openapi\": \"3.1.0\"}".getBytes(StandardCharsets.UTF_8), SpecSyntax.JSON))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SpecDocument.parse("[1, 2]".getBytes(StandardCharsets.UTF_8), SpecSyntax.JSON))
                .isInstanceOf(InvalidInputException.class);
    }

    private ImportedApi read(String resourceOrDocument) {
        return resourceOrDocument.contains("\n") ? read(resourceOrDocument.getBytes(StandardCharsets.UTF_8), SpecSyntax.YAML)
                : read(resourceOrDocument, SpecSyntax.YAML);
    }

    private ImportedApi read(String resource, SpecSyntax syntax) {
        return read(resource(resource), syntax);
    }

    private ImportedApi read(byte[] document, SpecSyntax syntax) {
        return importer.read(SpecDocument.parse(document, syntax));
    }

    private List<String> problems(String document) {
        try {
            read(document.getBytes(StandardCharsets.UTF_8), SpecSyntax.YAML);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(problem -> problem.pointer() + ": " + problem.detail()).toList();
        }
        throw new AssertionError("the document was accepted");
    }

    private static Map<String, List<String>> operations(ImportedApi api) {
        return api.operations().stream().collect(Collectors.toMap(o -> o.method() + " " + o.path(), OperationSpec::scopes));
    }

    static byte[] resource(String name) {
        try (InputStream in = OpenApiImporterTests.class.getResourceAsStream("/openapi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
