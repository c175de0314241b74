package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperationMatcherTests {

    private final OperationMatcher matcher = OperationMatcher.of(List.of(
            operation("GET", "/pets", "listPets"),
            operation("POST", "/pets", "createPet"),
            operation("GET", "/pets/{petId}", "showPet"),
            operation("DELETE", "/pets/{petId}", "deletePet"),
            operation("GET", "/pets/mine", "myPets"),
            operation("GET", "/pets/{petId}/photos/{photoId}", "showPhoto"),
            operation("GET", "/reports/{id}.json", "reportJson"),
            operation("GET", "/reports/{id}", "report"),
            operation("GET", "/files/{name}.{ext}", "file"),
            operation("GET", "/", "root")));

    @Test
    void matchesMethodAndTemplate() {
        assertThat(match("GET", "/pets")).isEqualTo("listPets");
        assertThat(match("POST", "/pets")).isEqualTo("createPet");
        assertThat(match("GET", "/pets/42")).isEqualTo("showPet");
        assertThat(match("DELETE", "/pets/42")).isEqualTo("deletePet");
        assertThat(match("GET", "/pets/42/photos/7")).isEqualTo("showPhoto");
        assertThat(match("GET", "")).isEqualTo("root");
        assertThat(match("GET", "/")).isEqualTo("root");
    }

    @Test
    void literalSegmentsWinOverParametersAndMixedOverWholeParameters() {
        assertThat(match("GET", "/pets/mine")).isEqualTo("myPets");
        assertThat(match("GET", "/reports/7.json")).isEqualTo("reportJson");
        assertThat(match("GET", "/reports/7.xml")).isEqualTo("report");
        assertThat(match("GET", "/files/archive.tar.gz")).isEqualTo("file");
        assertThat(match("GET", "/files/.gz")).isNull();
    }

    @Test
    void aLiteralWithoutTheMethodFallsBackToTheTemplateThatHasIt() {
        assertThat(match("DELETE", "/pets/mine")).isEqualTo("deletePet");
    }

    @Test
    void headFallsBackToGet() {
        assertThat(match("HEAD", "/pets/42")).isEqualTo("showPet");
    }

    @Test
    void undeclaredMethodsAndPathsMatchNothing() {
        assertThat(match("PUT", "/pets")).isNull();
        assertThat(match("GET", "/owners")).isNull();
        assertThat(match("GET", "/pets/42/photos")).isNull();
        assertThat(match("BREW", "/pets")).isNull();
        assertThat(match("get", "/pets")).isNull();
        assertThat(match("GET", "/Pets")).isNull();
    }

    @Test
    void spellingsOfTheSamePathMatchTheSameOperation() {
        assertThat(match("GET", "/pets/")).isEqualTo("listPets");
        assertThat(match("GET", "//pets")).isEqualTo("listPets");
        assertThat(match("GET", "/./pets")).isEqualTo("listPets");
        assertThat(match("GET", "/x/../pets/mine")).isEqualTo("myPets");
        assertThat(match("GET", "/../../pets")).isEqualTo("listPets");
        assertThat(match("GET", "/%70ets/%6Dine")).isEqualTo("myPets");
        assertThat(match("GET", "/pets;jsessionid=1/mine")).isEqualTo("myPets");
        assertThat(match("GET", "/pets/a%2Fb")).isEqualTo("showPet");
        assertThat(match("GET", "/pets/%E2%82%AC%zz")).isEqualTo("showPet");
    }

    @Test
    void anApiWithoutOperationsMatchesNothing() {
        OperationMatcher none = OperationMatcher.of(List.of());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.match("GET", "/pets")).isNull();
    }

    @Test
    void anUnusableTemplateIsLeftOutAndTheFirstOfTwinsWins() {
        OperationMatcher twins = OperationMatcher.of(List.of(
                operation("GET", "pets", "broken"), operation("GET", "/a/{x}", "first"), operation("GET", "/a/{y}", "second")));

        assertThat(twins.match("GET", "/a/1").operationId()).isEqualTo("first");
        assertThat(twins.match("GET", "pets")).isNull();
    }

    private String match(String method, String path) {
        ServedOperation operation = matcher.match(method, path);
        return operation == null ? null : operation.operationId();
    }

    private static ServedOperation operation(String method, String path, String operationId) {
        return new ServedOperation(UUID.randomUUID(), method, path, operationId, List.of());
    }
}
