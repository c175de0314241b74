package io.gatehouse.core.error;

/** A resource the caller named does not exist (or is not visible to the caller). Maps to 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, Object id) {
        super(kind + " " + id + " does not exist");
    }
}
