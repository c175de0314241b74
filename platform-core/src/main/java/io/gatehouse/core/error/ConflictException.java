package io.gatehouse.core.error;

/** The request is valid but clashes with the current state (a duplicate, a forbidden transition). Maps to 409. */
public class ConflictException extends RuntimeException {

    private final String pointer;

    public ConflictException(String message) {
        this(message, null);
    }

    public ConflictException(String message, String pointer) {
        super(message);
        this.pointer = pointer;
    }

    /** The JSON pointer of the field at fault, or {@code null}. */
    public String pointer() {
        return pointer;
    }
}
