package io.gatehouse.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The settings bind from properties and from the environment variables the docs name. */
class WebhookPropertiesTests {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(bind(Map.of(), Map.of())).isEqualTo(WebhookProperties.defaults());
        assertThat(WebhookProperties.defaults().allowPrivateNetworks()).isFalse();
    }

    @Test
    void bindsTheEnvironmentVariablesOfTheContract() {
        WebhookProperties properties = bind(Map.of(), Map.of(
                "GATEHOUSE_WEBHOOK_ALLOW_PRIVATE_NETWORKS", "true",
                "GATEHOUSE_WEBHOOK_RETRY_SCHEDULE", "1s,1m",
                "GATEHOUSE_WEBHOOK_TIMEOUT", "15s"));
        assertThat(properties.allowPrivateNetworks()).isTrue();
        assertThat(properties.retrySchedule()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void bindsAScheduleWrittenAsOneProperty() {
        WebhookProperties properties = bind(Map.of("gatehouse.webhook.retry-schedule", "100ms, 200ms, 2h"), Map.of());
        assertThat(properties.retrySchedule()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofHours(2));
    }

    private static WebhookProperties bind(Map<String, Object> properties, Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("test", properties));
        sources.addLast(new SystemEnvironmentPropertySource("test-env", environment));
        return new Binder(ConfigurationPropertySources.from(sources), null, ApplicationConversionService.getSharedInstance())
                .bindOrCreate("gatehouse.webhook", WebhookProperties.class);
    }
}
