package io.gatehouse.core.usage;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for usage records: UUID version 7 (RFC 9562), a millisecond timestamp followed by 74 random
 * bits. Time-ordered ids keep the ledger's primary-key index append-mostly, and drawing the random
 * bits from {@link ThreadLocalRandom} keeps {@code SecureRandom} off the request path; the ids need
 * to be unique, not unguessable.
 */
public final class UsageIds {

    private UsageIds() {
    }

    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
