package io.gatehouse.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class UsageLedgerPropertiesTests {

    @Test
    void minuteRollupsAreKeptThirtyFiveDaysUnlessConfigured() {
        assertThat(bind(Map.of()).minuteRollupRetention()).isEqualTo(Duration.ofDays(35));
        assertThat(bind(Map.of("gatehouse.usage.minute-rollup-retention", "90d")).minuteRollupRetention())
                .isEqualTo(Duration.ofDays(90));
        assertThat(bind(Map.of("gatehouse.usage.minute-rollup-retention", "P7D")).minuteRollupRetention())
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aMinuteRollupRetentionThatIsNotWholePositiveDaysStopsTheStart() {
        for (String retention : new String[] {"36h", "0d", "-1d", "86401s"}) {
            assertThatThrownBy(() -> bind(Map.of("gatehouse.usage.minute-rollup-retention", retention)))
                    .as(retention).isInstanceOf(BindException.class).rootCause()
                    .hasMessageStartingWith("gatehouse.usage.minute-rollup-retention must be a positive number of whole days");
        }
    }

    private static UsageLedgerProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("gatehouse.usage", UsageLedgerProperties.class);
    }
}
