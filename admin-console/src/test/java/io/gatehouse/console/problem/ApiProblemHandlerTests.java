package io.gatehouse.console.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class ApiProblemHandlerTests {

    private final ApiProblemHandler handler = new ApiProblemHandler();

    @Test
    void anUnexpectedFailureIsA500WithAGenericDetail() throws Exception {
        ResponseEntity<ProblemDetail> response = handler.unexpected(
                new IllegalStateException("secret internals at com.example.Foo"), request("/api/v1/apis"));
        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().getType()).isEqualTo(URI.create("https://gatehouse.dev/problems/internal-error"));
        assertThat(response.getBody().getDetail()).doesNotContain("secret").doesNotContain("Exception");
    }

    @Test
    void anIntegrityViolationIsAConflictThatLeaksNoSql() throws Exception {
        ResponseEntity<ProblemDetail> response = handler.integrity(new DataIntegrityViolationException("duplicate key",
                new SQLException("ERROR: duplicate key value violates unique constraint \"api_context_key\"")), request("/api/v1/apis"));
        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody().getType()).isEqualTo(URI.create("https://gatehouse.dev/problems/conflict"));
        assertThat(response.getBody().getDetail()).doesNotContain("api_context_key");
    }

    @Test
    void failuresOutsideTheApiAreLeftToTheirOwnHandlers() {
        IllegalStateException failure = new IllegalStateException("console failure");
        assertThatThrownBy(() -> handler.unexpected(failure, request("/console/apis"))).isSameAs(failure);
    }

    private static MockHttpServletRequest request(String uri) {
        return new MockHttpServletRequest("GET", uri);
    }
}
