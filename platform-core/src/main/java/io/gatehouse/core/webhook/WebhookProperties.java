package io.gatehouse.core.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings, under {@code gatehouse.webhook} (so {@code GATEHOUSE_WEBHOOK_ALLOW_PRIVATE_NETWORKS}
 * and its siblings bind from the environment).
 *
 * @param allowPrivateNetworks callbacks may go to loopback, link-local and private addresses, and over
 *                             plain http; for development and tests only
 * @param retrySchedule        the waits between attempts of one delivery; after the last one it is dead-lettered
 * @param timeout              how long one attempt may take, connection and answer together
 * @param pollInterval         how often a gateway looks for due deliveries
 * @param concurrency          deliveries in flight at once per gateway process
 * @param retention            how long finished deliveries (and their messages and attempts) are kept
 * @param maxPayloadBytes      the largest event body accepted for delivery
 * @param delivery             whether this gateway process delivers webhooks at all
 */
@ConfigurationProperties("gatehouse.webhook")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "24h"}) List<Duration> retrySchedule,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("16") int concurrency,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1048576") int maxPayloadBytes,
        @DefaultValue("true") boolean delivery) {

    public WebhookProperties {
        retrySchedule = retrySchedule == null ? List.of() : List.copyOf(retrySchedule);
        if (retrySchedule.stream().anyMatch(wait -> wait.isNegative())) {
            throw new IllegalArgumentException("gatehouse.webhook.retry-schedule must not hold negative waits");
        }
        requirePositive(timeout, "timeout");
        requirePositive(pollInterval, "poll-interval");
        requirePositive(retention, "retention");
        if (concurrency < 1) {
            throw new IllegalArgumentException("gatehouse.webhook.concurrency must be positive");
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("gatehouse.webhook.max-payload-bytes must be positive");
        }
    }

    /** The settings as they are when nothing is configured. */
    public static WebhookProperties defaults() {
        return new WebhookProperties(false, List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(24)), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 16, Duration.ofDays(30), 1024 * 1024, true);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("gatehouse.webhook." + name + " must be positive");
        }
    }
}
