package io.gatehouse.core.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)));

    @Test
    void waitsEachStepWithUpToTenPercentJitterThenGivesUp() {
        assertThat(schedule.attempts()).isEqualTo(3);
        assertThat(schedule.next(1, null)).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(5),
                Duration.ofMillis(5500)));
        assertThat(schedule.next(2, null)).hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofMinutes(5),
                Duration.ofSeconds(330)));
        assertThat(schedule.next(3, null)).isEmpty();
    }

    @Test
    void aLongerRetryAfterWinsUpToADay() {
        assertThat(schedule.next(1, Duration.ofSeconds(60))).contains(Duration.ofSeconds(60));
        assertThat(schedule.next(2, Duration.ofSeconds(1))).hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofMinutes(5)));
        assertThat(schedule.next(1, Duration.ofDays(30))).contains(RetrySchedule.MAX_RETRY_AFTER);
        assertThat(schedule.next(3, Duration.ofSeconds(1))).as("Retry-After does not extend the schedule").isEmpty();
    }
}
