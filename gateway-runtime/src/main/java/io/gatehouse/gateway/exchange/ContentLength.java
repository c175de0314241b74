package io.gatehouse.gateway.exchange;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** The body length a message's headers declare. */
public final class ContentLength {

    private ContentLength() {
    }

    /** The {@code Content-Length} of {@code headers}, or -1 when there is none or it is not a number. */
    public static long declared(MultiMap headers) {
        String value = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
