package io.gatehouse.core.api.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A parameter of a channel address, such as {@code streetlightId} in
 * {@code smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured}: its description
 * and, when the document gave one, the JSON schema of its values (AsyncAPI 3 {@code enum} and
 * {@code default} become {@code {"type": "string", "enum": …, "default": …}}).
 */
public record ChannelParameter(@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description, Object schema) {
}
