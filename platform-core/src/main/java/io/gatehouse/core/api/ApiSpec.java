package io.gatehouse.core.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** What a publisher says about an API when creating or updating it: the wire shape of {@code POST /apis}. */
public record ApiSpec(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only") String version,
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "(/[A-Za-z0-9._~-]+)+", message = "a path such as /petstore/v1: segments of letters, digits, '.', '_', '~' or '-'")
        String context,
        @NotNull ApiType type,
        @Size(max = 2000) String upstream,
        @Size(max = 4000) String description,
        @Positive Integer timeoutMs) {
}
