package io.gatehouse.console.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /apis/{id}/operations} over real HTTP: declare by hand, override imported scopes, roles. */
class OperationControllerTests extends ManagementApiTestSupport {

    @Test
    void publishersDeclareOperationsOnApisCreatedByHand() {
        String apiId = createApi("ops");

        Reply created = admin().post("/api/v1/apis/" + apiId + "/operations",
                "{\"method\":\"DELETE\",\"path\":\"/pets/{petId}\",\"operationId\":\"deletePet\",\"scopes\":[\"pets:write\",\"pets:write\"]}").expect(201);
        JsonNode operation = created.json();
        assertThat(created.header("Location")).endsWith("/api/v1/apis/" + apiId + "/operations/" + operation.get("id").asString());
        assertThat(operation.get("scopes").valueStream().map(JsonNode::asString).toList()).containsExactly("pets:write");
        admin().post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"GET\",\"path\":\"/pets\"}").expect(201);

        JsonNode listed = admin().get("/api/v1/apis/" + apiId + "/operations").expect(200).json();
        assertThat(listed.valueStream().map(o -> o.get("method").asString() + " " + o.get("path").asString()).toList())
                .containsExactly("GET /pets", "DELETE /pets/{petId}");
        assertThat(admin().get("/api/v1/apis/" + apiId + "/operations/deletePet").expect(200).json().get("id").asString())
                .isEqualTo(operation.get("id").asString());
        admin().delete("/api/v1/apis/" + apiId + "/operations/" + operation.get("id").asString()).expect(204);
        admin().get("/api/v1/apis/" + apiId + "/operations/deletePet").problem(404, "not-found");
    }

    @Test
    void aHandMadeOperationIsValidated() {
        String apiId = createApi("badops");

        Reply bad = admin().post("/api/v1/apis/" + apiId + "/operations",
                "{\"method\":\"GET\",\"path\":\"pets/{id\",\"scopes\":[\"two words\"]}");
        bad.problem(400, "invalid-input");
        assertThat(bad.errorPointers()).containsExactly("/path", "/scopes/0");
        assertThat(admin().post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"BREW\",\"path\":\"/pets\"}").errorPointers())
                .containsExactly("/method");
        assertThat(admin().post("/api/v1/apis/" + apiId + "/operations", "{\"path\":\"/pets\"}").errorPointers()).containsExactly("/method");

        admin().post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"GET\",\"path\":\"/pets/{id}\"}").expect(201);
        Reply twin = admin().post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"GET\",\"path\":\"/pets/{petId}\"}");
        twin.problem(409, "conflict");
        assertThat(twin.errorPointers()).containsExactly("/path");
    }

    @Test
    void importedScopesCanBeOverriddenByOperationIdOrId() {
        String document = new String(ApiImportControllerTests.resource("tictactoe.yaml"), StandardCharsets.UTF_8);
        JsonNode api = admin().send("POST", "/api/v1/apis/import?context=/ttt-" + unique() + "&upstream=http://127.0.0.1:9101",
                document, "application/json", "application/yaml").expect(201).json();
        String apiId = api.get("id").asString();
        String putSquareId = api.get("operations").valueStream().filter(o -> o.get("method").asString().equals("PUT"))
                .findFirst().orElseThrow().get("id").asString();

        admin().put("/api/v1/apis/" + apiId + "/operations/get-board", "{\"scopes\":[]}").expect(200);
        JsonNode changed = admin().put("/api/v1/apis/" + apiId + "/operations/" + putSquareId,
                "{\"scopes\":[\"board:write\",\"board:admin\"]}").expect(200).json();
        assertThat(changed.get("operationId").asString()).isEqualTo("put-square");

        JsonNode listed = admin().get("/api/v1/apis/" + apiId).expect(200).json();
        assertThat(listed.get("id").asString()).isEqualTo(apiId);
        Map<String, String> scopes = ApiImportControllerTests.operations(admin().get("/api/v1/apis/" + apiId + "/operations").json());
        assertThat(scopes).isEqualTo(Map.of(
                "GET /board", "",
                "GET /board/{row}/{column}", "board:read",
                "PUT /board/{row}/{column}", "board:write board:admin"));
        assertThat(admin().put("/api/v1/apis/" + apiId + "/operations/get-board", "{\"scopes\":[\"a\\\"b\"]}").errorPointers())
                .containsExactly("/scopes/0");
        assertThat(admin().put("/api/v1/apis/" + apiId + "/operations/get-board", "{}").errorPointers()).containsExactly("/scopes");
        admin().put("/api/v1/apis/" + apiId + "/operations/no-such-operation", "{\"scopes\":[]}").problem(404, "not-found");
    }

    @Test
    void developersReadTheOperationsOfPublishedApisOnlyAndChangeNothing() {
        String apiId = createApi("devops");
        admin().post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"GET\",\"path\":\"/pets\",\"scopes\":[\"pets:read\"]}").expect(201);
        Client developer = newUser("DEVELOPER", createOrganization());

        developer.get("/api/v1/apis/" + apiId + "/operations").problem(403, "forbidden");
        publish(apiId);
        assertThat(developer.get("/api/v1/apis/" + apiId + "/operations").expect(200).json().size()).isEqualTo(1);
        developer.post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"GET\",\"path\":\"/x\"}").problem(403, "forbidden");
        developer.put("/api/v1/apis/" + apiId + "/operations/x", "{\"scopes\":[]}").problem(403, "forbidden");
        anonymous().get("/api/v1/apis/" + apiId + "/operations").expect(401);
    }
}
