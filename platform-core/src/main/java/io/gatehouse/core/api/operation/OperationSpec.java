package io.gatehouse.core.api.operation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An operation as a publisher declares it, or as an import reads it from a document: the wire shape
 * of {@code POST /apis/{id}/operations}. {@code path} is a {@link PathTemplate} below the API's
 * context; {@code scopes} are the OAuth scopes a token must all carry to call it (none: any token).
 */
public record OperationSpec(
        @NotNull OperationMethod method,
        @NotNull @Size(max = 2000) String path,
        @Size(max = 200) String operationId,
        @Size(max = 4000) String summary,
        @Size(max = 50) List<@NotNull @Size(max = 200) @Pattern(regexp = Scopes.SCOPE_TOKEN, message = Scopes.SCOPE_TOKEN_MESSAGE) String> scopes) {
}
