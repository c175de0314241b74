package io.gatehouse.core.api.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PathTemplateTests {

    @Test
    void readsLiteralParameterAndMixedSegments() {
        PathTemplate template = PathTemplate.parse("/reports/{year}/r{id}.json");

        assertThat(template.segments()).hasSize(3);
        assertThat(template.segments().get(0).isLiteral()).isTrue();
        assertThat(template.segments().get(1).isParameter()).isTrue();
        assertThat(template.segments().get(2).parts()).containsExactly(
                new PathTemplate.Literal("r"), new PathTemplate.Parameter("id"), new PathTemplate.Literal(".json"));
    }

    @Test
    void theShapeForgetsParameterNamesAndATrailingSlash() {
        assertThat(PathTemplate.parse("/pets/{petId}/").shape()).isEqualTo(PathTemplate.parse("/pets/{id}").shape()).isEqualTo("/pets/{}");
        assertThat(PathTemplate.parse("/").shape()).isEqualTo("/");
        assertThat(PathTemplate.parse("/").segments()).isEmpty();
    }

    @Test
    void refusesWhatNoRequestPathLooksLike() {
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("pets")).withMessageContaining("start with '/'");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/pets//x")).withMessageContaining("empty segment");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/pets/{id")).withMessageContaining("'{' without");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/pets/id}")).withMessageContaining("'}' without");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/pets/{}")).withMessageContaining("unnamed");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{a}{b}")).withMessageContaining("two parameters");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{a}/{a}")).withMessageContaining("twice");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/pets?x=1")).withMessageContaining("'?'");
        assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/my pets")).withMessageContaining("spaces");
    }
}
