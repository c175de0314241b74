package io.gatehouse.gateway.event.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void readsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Fri, 27 Nov 2026 12:05:00 GMT", now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetryAfter.parse("Fri, 27 Nov 2026 11:00:00 GMT", now)).as("a date in the past").isEqualTo(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, now)).isNull();
        assertThat(RetryAfter.parse("", now)).isNull();
        assertThat(RetryAfter.parse("-5", now)).isNull();
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999999", now)).isNull();
    }
}
