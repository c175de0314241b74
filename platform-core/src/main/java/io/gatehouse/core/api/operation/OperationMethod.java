package io.gatehouse.core.api.operation;

import java.util.Locale;

/** The HTTP methods an operation may have: the eight that OpenAPI path items name. */
public enum OperationMethod {
    GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE;

    /** The method named {@code name} in any case, or null when it is not one of these. */
    public static OperationMethod of(String name) {
        try {
            return name == null ? null : valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
