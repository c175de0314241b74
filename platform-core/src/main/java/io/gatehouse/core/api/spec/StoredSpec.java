package io.gatehouse.core.api.spec;

/** A document as it was imported: its format, the media type it came in, and its text, unchanged. */
public record StoredSpec(SpecFormat format, String mediaType, String text) {
}
