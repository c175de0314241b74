package io.gatehouse.console.usage.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.console.problem.InvalidParameterException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTests {

    @Test
    void readsBareDatesAsMidnightUtcAndInstantsWithAnyOffset() {
        assertThat(TimeWindow.parse("2026-11-01", "2026-12-01")).isEqualTo(
                new TimeWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        assertThat(TimeWindow.parse("2026-11-10T10:00:00+01:00", "2026-11-10T09:30:00.000001Z").from())
                .isEqualTo(Instant.parse("2026-11-10T09:00:00Z"));
    }

    @Test
    void namesTheParameterThatIsMissingUnreadableOrOutOfOrder() {
        assertThatThrownBy(() -> TimeWindow.parse("November", "2026-12-01"))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
        assertThatThrownBy(() -> TimeWindow.parse("2026-11-01", null))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
        assertThatThrownBy(() -> TimeWindow.parse("2026-12-01", "2026-11-01"))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
    }
}
