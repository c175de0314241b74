package io.gatehouse.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.error.NotFoundException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CoreTest
class ApiServiceTests {

    @Autowired
    ApiService apis;

    @Test
    void createsADraftAndWalksTheLifecycle() {
        Api api = apis.create(spec("/lifecycle/v1"));
        assertThat(api.getState()).isEqualTo(ApiState.DRAFT);

        assertThat(apis.changeState(api.getId(), ApiState.PUBLISHED).getState()).isEqualTo(ApiState.PUBLISHED);
        assertThat(apis.published()).extracting(Api::getId).contains(api.getId());
        assertThatThrownBy(() -> apis.changeState(api.getId(), ApiState.DRAFT)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> apis.delete(api.getId())).isInstanceOf(ConflictException.class);
        assertThat(apis.changeState(api.getId(), ApiState.RETIRED).getState()).isEqualTo(ApiState.RETIRED);
    }

    @Test
    void namesEveryInvalidField() {
        ApiSpec bad = new ApiSpec("", "v 1", "petstore", ApiType.REST, "ftp://x", null, -1);

        assertThatThrownBy(() -> apis.create(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer)
                        .containsExactlyInAnyOrder("/name", "/version", "/context", "/upstream", "/timeoutMs"));
    }

    @Test
    void refusesADuplicateContext() {
        apis.create(spec("/dup/v1"));

        assertThatThrownBy(() -> apis.create(spec("/dup/v1")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.pointer()).isEqualTo("/context"));
    }

    @Test
    void deletesDraftsAndReportsUnknownIds() {
        Api api = apis.create(spec("/gone/v1"));
        apis.delete(api.getId());

        assertThatThrownBy(() -> apis.get(api.getId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apis.get(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    static ApiSpec spec(String context) {
        return new ApiSpec("Petstore", "v1", context, ApiType.REST, "http://127.0.0.1:9101", null, null);
    }
}
