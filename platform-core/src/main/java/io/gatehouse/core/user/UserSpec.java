package io.gatehouse.core.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;

/** The wire shape of {@code POST /users}. */
public record UserSpec(
        @NotBlank @Size(max = 80) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "letters, digits, '.', '_', '@' or '-' only") String username,
        @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password,
        @NotEmpty Set<Role> roles,
        UUID organizationId) {
}
