package io.gatehouse.core.credential;

import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The wire shape of {@code POST /applications/{appId}/api-keys}. */
public record ApiKeySpec(@NotBlank @Size(max = 120) String name, @Future Instant expiresAt) {
}
