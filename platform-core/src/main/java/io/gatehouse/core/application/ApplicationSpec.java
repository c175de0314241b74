package io.gatehouse.core.application;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The wire shape of {@code POST /organizations/{orgId}/applications}. */
public record ApplicationSpec(@NotBlank @Size(max = 120) String name) {
}
