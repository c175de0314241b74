package io.gatehouse.gateway.exchange;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code X-Request-Id} when it is sane, otherwise a fresh random UUID. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final int MAX_LENGTH = 200;

    private RequestIds() {
    }

    public static String accept(String offered) {
        if (offered == null || offered.isEmpty() || offered.length() > MAX_LENGTH) {
            return generate();
        }
        for (int i = 0; i < offered.length(); i++) {
            char c = offered.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return generate();
            }
        }
        return offered;
    }

    /** A version-4 UUID from the thread's random source: unique enough for tracing, and cheap. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
