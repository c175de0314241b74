package io.gatehouse.core.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What a publisher says about an API when creating or updating it: the wire shape of {@code POST /apis}.
 * The gateway options may be left out: {@code timeoutMs} and {@code connectTimeoutMs} then take the
 * gateway's defaults, {@code keyHeader} is {@link KeyHeaders#DEFAULT} and {@code forwardCredentials} false.
 *
 * @param timeoutMs          how long the upstream may stay silent once the call is sent (504 after it)
 * @param keyHeader          the request header that carries the API key (see {@link KeyHeaders})
 * @param connectTimeoutMs   how long the gateway waits for a connection to the upstream (504 after it)
 * @param forwardCredentials whether the consumer's credential (key header, {@code Authorization: Bearer})
 *                           reaches the upstream; by default the gateway removes it
 *
 * <p>The record keeps only its canonical constructor: the console's form builds it with a Vaadin
 * {@code Binder.writeRecord}, which calls the first declared constructor with every component.
 */
public record ApiSpec(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only") String version,
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "(/[A-Za-z0-9._~-]+)+", message = "a path such as /petstore/v1: segments of letters, digits, '.', '_', '~' or '-'")
        String context,
        @NotNull ApiType type,
        @Size(max = 2000) String upstream,
        @Size(max = 4000) String description,
        @Positive Integer timeoutMs,
        String keyHeader,
        @Positive @Max(value = ApiSpec.MAX_CONNECT_TIMEOUT_MS, message = "must be at most 300000 (5 minutes)") Integer connectTimeoutMs,
        Boolean forwardCredentials) {

    public static final int MAX_CONNECT_TIMEOUT_MS = 300_000;
}
