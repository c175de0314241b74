package io.gatehouse.console.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiControllerTests extends ManagementApiTestSupport {

    @Test
    void createAnswers201WithLocationAndTheDraftApi() {
        String context = "/petstore-" + unique() + "/v1";
        var reply = admin().post("/api/v1/apis", """
                {"name":"Petstore","version":"v1","context":"%s","type":"REST","upstream":"http://127.0.0.1:9101"}
                """.formatted(context)).expect(201);
        JsonNode api = reply.json();
        assertThat(api.get("state").asString()).isEqualTo("DRAFT");
        assertThat(api.get("context").asString()).isEqualTo(context);
        assertThat(api.get("type").asString()).isEqualTo("REST");
        assertThat(api.get("upstream").asString()).isEqualTo("http://127.0.0.1:9101");
        assertThat(reply.header("Location")).endsWith("/api/v1/apis/" + api.get("id").asString());
        assertThat(api.get("keyHeader").asString()).isEqualTo("X-API-Key");
        assertThat(api.get("connectTimeoutMs").isNull()).isTrue();
        assertThat(api.get("forwardCredentials").asBoolean()).isFalse();

        JsonNode fetched = admin().get("/api/v1/apis/" + api.get("id").asString()).expect(200).json();
        assertThat(fetched.get("name").asString()).isEqualTo("Petstore");
        assertThat(admin().get("/api/v1/apis").expect(200).json().valueStream().map(a -> a.get("id").asString()))
                .contains(api.get("id").asString());
    }

    @Test
    void invalidBodyNamesEveryFieldAtFault() {
        var reply = admin().post("/api/v1/apis", """
                {"name":"","version":"v 1","context":"petstore","type":"REST","upstream":"ftp://x"}
                """);
        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactlyInAnyOrder("/name", "/version", "/context", "/upstream");
    }

    @Test
    void gatewayOptionsAreSetByCreateAndReplacedByUpdate() {
        String context = "/options-" + unique() + "/v1";
        JsonNode created = admin().post("/api/v1/apis", """
                {"name":"Options","version":"v1","context":"%s","type":"REST","upstream":"http://127.0.0.1:9101",
                 "timeoutMs":4000,"connectTimeoutMs":750,"keyHeader":"X-Acme-Key","forwardCredentials":true}
                """.formatted(context)).expect(201).json();
        assertThat(created.get("timeoutMs").asInt()).isEqualTo(4000);
        assertThat(created.get("connectTimeoutMs").asInt()).isEqualTo(750);
        assertThat(created.get("keyHeader").asString()).isEqualTo("X-Acme-Key");
        assertThat(created.get("forwardCredentials").asBoolean()).isTrue();

        String id = created.get("id").asString();
        JsonNode fetched = admin().get("/api/v1/apis/" + id).expect(200).json();
        assertThat(fetched.get("keyHeader").asString()).isEqualTo("X-Acme-Key");

        JsonNode updated = admin().put("/api/v1/apis/" + id, """
                {"name":"Options","version":"v1","context":"%s","type":"REST","upstream":"http://127.0.0.1:9101",
                 "keyHeader":"X-Other-Key"}
                """.formatted(context)).expect(200).json();
        assertThat(updated.get("keyHeader").asString()).isEqualTo("X-Other-Key");
        assertThat(updated.get("connectTimeoutMs").isNull()).isTrue();
        assertThat(updated.get("forwardCredentials").asBoolean()).isFalse();
    }

    @Test
    void badGatewayOptionsAreNamedByTheirPointers() {
        var reply = admin().post("/api/v1/apis", """
                {"name":"Bad","version":"v1","context":"/bad-options-%s/v1","type":"REST","upstream":"http://h",
                 "timeoutMs":0,"connectTimeoutMs":-5,"keyHeader":"Host"}
                """.formatted(unique()));
        JsonNode problem = reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactly("/connectTimeoutMs", "/keyHeader", "/timeoutMs");
        assertThat(problem.toString()).contains("reserved");

        var notAToken = admin().post("/api/v1/apis", """
                {"name":"Bad","version":"v1","context":"/bad-options-%s/v1","type":"REST","upstream":"http://h",
                 "keyHeader":"X Api: Key","connectTimeoutMs":3600000}
                """.formatted(unique()));
        notAToken.problem(400, "invalid-input");
        assertThat(notAToken.errorPointers()).containsExactly("/connectTimeoutMs", "/keyHeader");

        var notABoolean = admin().post("/api/v1/apis", """
                {"name":"Bad","version":"v1","context":"/bad-options-%s/v1","type":"REST","upstream":"http://h",
                 "forwardCredentials":"sometimes"}
                """.formatted(unique()));
        notABoolean.problem(400, "invalid-input");
        assertThat(notABoolean.errorPointers()).containsExactly("/forwardCredentials");
    }

    @Test
    void unknownEnumValueIsNamedByItsPointer() {
        var reply = admin().post("/api/v1/apis", """
                {"name":"Soap","version":"v1","context":"/soap/v1","type":"SOAP"}
                """);
        JsonNode problem = reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactly("/type");
        assertThat(problem.get("errors").get(0).get("detail").asString()).contains("REST").contains("EVENT");
    }

    @Test
    void wrongJsonTypeIsNamedByItsPointer() {
        var reply = admin().post("/api/v1/apis", """
                {"name":"Typed","version":"v1","context":"/typed/v1","type":"REST","upstream":"http://h","timeoutMs":"soon"}
                """);
        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactly("/timeoutMs");
    }

    @Test
    void malformedJsonAndMissingBodyAre400() {
        admin().post("/api/v1/apis", "{\"name\": ").problem(400, "malformed-request");
        admin().send("POST", "/api/v1/apis", null, "application/json", "application/json").problem(400, "invalid-input");
    }

    @Test
    void duplicateContextIs409NamingTheContext() {
        String context = "/dup-" + unique() + "/v1";
        String body = """
                {"name":"Dup","version":"v1","context":"%s","type":"REST","upstream":"http://127.0.0.1:9101"}
                """.formatted(context);
        admin().post("/api/v1/apis", body).expect(201);
        var reply = admin().post("/api/v1/apis", body);
        reply.problem(409, "conflict");
        assertThat(reply.errorPointers()).containsExactly("/context");
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        admin().get("/api/v1/apis/" + UUID.randomUUID()).problem(404, "not-found");
        admin().get("/api/v1/apis/not-a-uuid").problem(404, "not-found");
        admin().put("/api/v1/apis/" + UUID.randomUUID(), """
                {"name":"X","version":"v1","context":"/x-%s/v1","type":"REST","upstream":"http://h"}
                """.formatted(unique())).problem(404, "not-found");
        admin().get("/api/v1/no-such-resource").problem(404, "not-found");
    }

    @Test
    void updateChangesTheApi() {
        String id = createApi("upd");
        String context = "/upd-" + unique() + "/v2";
        JsonNode api = admin().put("/api/v1/apis/" + id, """
                {"name":"Updated","version":"v2","context":"%s","type":"REST","upstream":"https://example.org"}
                """.formatted(context)).expect(200).json();
        assertThat(api.get("name").asString()).isEqualTo("Updated");
        assertThat(api.get("context").asString()).isEqualTo(context);
    }

    @Test
    void lifecycleFollowsDraftPublishedDeprecatedRetired() {
        String id = createApi("life");
        String lifecycle = "/api/v1/apis/" + id + "/lifecycle";
        admin().post(lifecycle, "{\"state\":\"DEPRECATED\"}").problem(409, "conflict");
        assertThat(admin().post(lifecycle, "{\"state\":\"PUBLISHED\"}").expect(200).json().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(admin().post(lifecycle, "{\"state\":\"DEPRECATED\"}").expect(200).json().get("state").asString()).isEqualTo("DEPRECATED");
        assertThat(admin().post(lifecycle, "{\"state\":\"PUBLISHED\"}").expect(200).json().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(admin().post(lifecycle, "{\"state\":\"RETIRED\"}").expect(200).json().get("state").asString()).isEqualTo("RETIRED");
        admin().post(lifecycle, "{\"state\":\"PUBLISHED\"}").problem(409, "conflict");

        var missing = admin().post(lifecycle, "{}");
        missing.problem(400, "invalid-input");
        assertThat(missing.errorPointers()).containsExactly("/state");
        var unknown = admin().post(lifecycle, "{\"state\":\"GONE\"}");
        unknown.problem(400, "invalid-input");
        assertThat(unknown.errorPointers()).containsExactly("/state");
    }

    @Test
    void onlyADraftCanBeDeleted() {
        String published = publish(createApi("pub"));
        admin().delete("/api/v1/apis/" + published).problem(409, "conflict");

        String draft = createApi("draft");
        admin().delete("/api/v1/apis/" + draft).expect(204);
        admin().get("/api/v1/apis/" + draft).problem(404, "not-found");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblems() {
        admin().send("PATCH", "/api/v1/apis", "{}", "application/json", "application/json").problem(405, "method-not-allowed");
        admin().send("POST", "/api/v1/apis", "name=x", "application/json", "text/plain").problem(415, "unsupported-media-type");
    }
}
