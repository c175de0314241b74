package io.gatehouse.core.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The wire shape of {@code POST /organizations}. */
public record OrganizationSpec(@NotBlank @Size(max = 120) String name) {
}
