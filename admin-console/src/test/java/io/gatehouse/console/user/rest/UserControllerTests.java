package io.gatehouse.console.user.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UserControllerTests extends ManagementApiTestSupport {

    @Test
    void adminsCreateUsersAndNoAnswerCarriesThePassword() {
        String organizationId = createOrganization();
        String username = "dev-" + unique();
        var created = admin().post("/api/v1/users", """
                {"username":"%s","password":"a-long-password-1","roles":["DEVELOPER"],"organizationId":"%s"}
                """.formatted(username, organizationId)).expect(201);
        JsonNode user = created.json();
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("roles").get(0).asString()).isEqualTo("DEVELOPER");
        assertThat(user.get("organizationId").asString()).isEqualTo(organizationId);
        assertThat(created.header("Location")).endsWith("/api/v1/users/" + user.get("id").asString());
        assertThat(created.body()).doesNotContainIgnoringCase("password").doesNotContain("{bcrypt}");

        var listed = admin().get("/api/v1/users").expect(200);
        assertThat(listed.json().valueStream().map(u -> u.get("username").asString())).contains("admin", username);
        assertThat(listed.body()).doesNotContainIgnoringCase("password").doesNotContain("{bcrypt}");
        assertThat(admin().get("/api/v1/users/" + user.get("id").asString()).expect(200).body()).doesNotContainIgnoringCase("password");

        as(username, "a-long-password-1").get("/api/v1/apis").expect(200);
        admin().post("/api/v1/users", """
                {"username":"%s","password":"a-long-password-1","roles":["BILLING"]}
                """.formatted(username)).problem(409, "conflict");
    }

    @Test
    void invalidUsersNameEachField() {
        var reply = admin().post("/api/v1/users", "{\"username\":\"no spaces\",\"password\":\"short\",\"roles\":[]}");
        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactlyInAnyOrder("/username", "/password", "/roles");

        var developerWithoutOrganization = admin().post("/api/v1/users",
                "{\"username\":\"lonely-" + unique() + "\",\"password\":\"a-long-password-1\",\"roles\":[\"DEVELOPER\"]}");
        developerWithoutOrganization.problem(400, "invalid-input");
        assertThat(developerWithoutOrganization.errorPointers()).containsExactly("/organizationId");

        var unknownRole = admin().post("/api/v1/users", "{\"username\":\"x\",\"password\":\"a-long-password-1\",\"roles\":[\"ROOT\"]}");
        unknownRole.problem(400, "invalid-input");
        assertThat(unknownRole.errorPointers()).containsExactly("/roles/0");
    }
}
