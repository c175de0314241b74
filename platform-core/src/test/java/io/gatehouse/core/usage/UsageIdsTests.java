package io.gatehouse.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UsageIdsTests {

    @Test
    void areVersion7RandomAndTimeOrderedAcrossMilliseconds() throws InterruptedException {
        UUID first = UsageIds.next();
        Thread.sleep(2);
        UUID second = UsageIds.next();

        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(second.getMostSignificantBits() >>> 16).isGreaterThan(first.getMostSignificantBits() >>> 16);
        assertThat(second.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(), within(1000L));
    }

    @Test
    void doNotRepeat() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(UsageIds.next())).isTrue();
        }
    }
}
