package io.gatehouse.core.error;

/**
 * The request's content is well formed but of a kind this server does not take (for example an
 * AsyncAPI document where only OpenAPI is imported yet). Maps to 415, naming the field that told.
 */
public class UnsupportedContentException extends RuntimeException {

    private final String pointer;

    public UnsupportedContentException(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    /** The JSON pointer of the field that shows the content's kind. */
    public String pointer() {
        return pointer;
    }
}
