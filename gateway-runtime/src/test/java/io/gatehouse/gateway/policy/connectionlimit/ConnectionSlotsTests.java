package io.gatehouse.gateway.policy.connectionlimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.gateway.policy.ratelimit.RedisRequired;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection slots on one node, and shared by two nodes through the machine's Redis. */
class ConnectionSlotsTests {

    @Test
    void aNodeCountsTheSlotsOfEachSubjectAndReleasesThemOnce() {
        ConnectionSlots slots = new ConnectionSlots((RedisConnectionSlots) null);
        UUID subject = UUID.randomUUID();

        ConnectionSlots.Slot first = take(slots, subject, 2);
        ConnectionSlots.Slot second = take(slots, subject, 2);
        assertThat(take(slots, subject, 2)).isNull();
        assertThat(take(slots, UUID.randomUUID(), 2)).isNotNull();
        first.release();
        first.release();

        assertThat(slots.heldLocally(subject)).isEqualTo(1);
        assertThat(take(slots, subject, 2)).isNotNull();
        assertThat(take(slots, subject, 2)).isNull();
        second.release();
        assertThat(slots.heldLocally(subject)).isEqualTo(1);
    }

    @Test
    @ExtendWith(RedisRequired.class)
    void twoNodesShareTheSlotsOfASubscriptionInRedis() {
        ConnectionSlots one = node(Duration.ofSeconds(30));
        ConnectionSlots two = node(Duration.ofSeconds(30));
        try {
            UUID subject = UUID.randomUUID();
            ConnectionSlots.Slot onOne = take(one, subject, 2);
            ConnectionSlots.Slot onTwo = take(two, subject, 2);

            assertThat(onOne).isNotNull();
            assertThat(onTwo).isNotNull();
            assertThat(take(one, subject, 2)).isNull();
            assertThat(take(two, subject, 2)).isNull();
            onOne.release();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                ConnectionSlots.Slot again = take(two, subject, 2);
                return again != null;
            });
        } finally {
            one.destroy();
            two.destroy();
        }
    }

    @Test
    @ExtendWith(RedisRequired.class)
    void theSlotsOfANodeThatStopsRenewingExpireWithItsLease() throws Exception {
        RedisConnectionSlots dying = new RedisConnectionSlots(RedisRequired.URI, Duration.ofMillis(600), Duration.ofMillis(500));
        ConnectionSlots survivor = node(Duration.ofSeconds(30));
        try {
            UUID subject = UUID.randomUUID();
            assertThat(dying.acquire(subject, 1).toCompletableFuture().join()).isPresent();
            Thread.sleep(1_000);
            assertThat(take(survivor, subject, 1)).as("renewed while the node lives").isNull();

            dying.stopRenewing();

            await().atMost(Duration.ofSeconds(5)).until(() -> take(survivor, subject, 1) != null);
        } finally {
            dying.close();
            survivor.destroy();
        }
    }

    private static ConnectionSlots node(Duration lease) {
        return new ConnectionSlots(new RedisConnectionSlots(RedisRequired.URI, lease, Duration.ofMillis(500)));
    }

    private static ConnectionSlots.Slot take(ConnectionSlots slots, UUID subject, int max) {
        return slots.acquire(subject, max).toCompletableFuture().join();
    }
}
