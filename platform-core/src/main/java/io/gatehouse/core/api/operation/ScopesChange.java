package io.gatehouse.core.api.operation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code PUT /apis/{id}/operations/{operation}}: the scopes the operation requires from now on. */
public record ScopesChange(
        @NotNull @Size(max = 50)
        List<@NotNull @Size(max = 200) @Pattern(regexp = Scopes.SCOPE_TOKEN, message = Scopes.SCOPE_TOKEN_MESSAGE) String> scopes) {
}
