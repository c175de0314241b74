package io.gatehouse.core.api.spec;

/** How a document is written, and the media type it is stored and served back with. */
public enum SpecSyntax {
    JSON("application/json"), YAML("application/yaml");

    private final String mediaType;

    SpecSyntax(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
