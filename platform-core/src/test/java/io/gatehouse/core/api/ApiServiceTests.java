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
        ApiSpec bad = new ApiSpec("", "v 1", "petstore", ApiType.REST, "ftp://x", null, -1, null, null, null);

        assertThatThrownBy(() -> apis.create(bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer)
                        .containsExactlyInAnyOrder("/name", "/version", "/context", "/upstream", "/timeoutMs"));
    }

    @Test
    void gatewayOptionsTakeDefaultsWhenLeftOut() {
        Api api = apis.create(spec("/options-default/v1"));

        assertThat(api.getKeyHeader()).isEqualTo(KeyHeaders.DEFAULT);
        assertThat(api.getConnectTimeoutMs()).isNull();
        assertThat(api.isForwardCredentials()).isFalse();
    }

    @Test
    void gatewayOptionsAreStoredAndChanged() {
        Api api = apis.create(new ApiSpec("Petstore", "v1", "/options/v1", ApiType.REST, "http://127.0.0.1:9101", null, 2000,
                " X-Acme-Key ", 250, true));
        assertThat(api.getKeyHeader()).isEqualTo("X-Acme-Key");
        assertThat(api.getConnectTimeoutMs()).isEqualTo(250);
        assertThat(api.isForwardCredentials()).isTrue();

        Api updated = apis.update(api.getId(), spec("/options/v1"));
        assertThat(updated.getKeyHeader()).isEqualTo(KeyHeaders.DEFAULT);
        assertThat(updated.getConnectTimeoutMs()).isNull();
        assertThat(updated.isForwardCredentials()).isFalse();
    }

    @Test
    void refusesKeyHeadersThatAreNoTokenOrReservedAndTimeoutsThatAreNotPositive() {
        for (String header : new String[] {"Host", "authorization", "Content-Length", "Connection", "Proxy-Key",
                "X API Key", "X-Key:", "X-Ké", "x".repeat(101)}) {
            ApiSpec bad = new ApiSpec("Petstore", "v1", "/bad-options/v1", ApiType.REST, "http://127.0.0.1:9101", null, null,
                    header, null, null);
            assertThatThrownBy(() -> apis.create(bad)).as(header)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(FieldProblem::pointer).containsExactly("/keyHeader"));
        }
        ApiSpec negative = new ApiSpec("Petstore", "v1", "/bad-options/v1", ApiType.REST, "http://127.0.0.1:9101", null, 0,
                "X-Acme-Key", -1, null);
        assertThatThrownBy(() -> apis.create(negative))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/connectTimeoutMs", "/timeoutMs"));
        assertThat(KeyHeaders.problem("X-Acme_Key.v2")).isNull();
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
        return new ApiSpec("Petstore", "v1", context, ApiType.REST, "http://127.0.0.1:9101", null, null, null, null, null);
    }
}
