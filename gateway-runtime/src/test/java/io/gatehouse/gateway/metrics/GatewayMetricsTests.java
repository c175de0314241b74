package io.gatehouse.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class GatewayMetricsTests extends GatewayIntegrationSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void countsAndTimesCallsByApiAndOutcome() {
        Published api = publish();
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        get(api.context() + "/echo", caller.apiKey());
        get(api.context() + "/echo", caller.apiKey());
        get(api.context() + "/echo", null);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(count(api.context(), "accepted")).isEqualTo(2);
            assertThat(count(api.context(), "rejected")).isEqualTo(1);
        });
        assertThat(registry.find("gatehouse.usage.queued").gauge()).isNotNull();
    }

    private long count(String api, String outcome) {
        Timer timer = registry.find(GatewayMetrics.REQUESTS).tag("api", api).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
