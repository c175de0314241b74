package io.gatehouse.core.api.event;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A message that travels on a channel. {@code payload} is its payload schema as JSON, self-contained:
 * the document's {@code $ref}s are copied into its {@code definitions}. {@code schemaFormat} says what
 * kind of schema it is (null: an AsyncAPI schema, a superset of JSON Schema draft 7).
 */
public record ChannelMessage(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String title,
        @Size(max = 4000) String summary,
        @Size(max = 200) String contentType,
        @Size(max = 200) String schemaFormat,
        Object payload) {
}
