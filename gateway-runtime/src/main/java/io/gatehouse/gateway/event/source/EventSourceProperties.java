package io.gatehouse.gateway.event.source;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway talks to Kafka, RabbitMQ and MQTT sources, under {@code gatehouse.gateway.event-sources}.
 *
 * @param webhookFeeds  whether this gateway consumes broker sources for webhook delivery (the cluster
 *                      shares that work; turn it off on nodes that should only serve streams)
 * @param timeout       how long connecting, publishing or reading history may take before the source
 *                      counts as unreachable (503 to publishers, the end of streams)
 * @param probeInterval how often an idle feed checks that its broker still answers and looks for new
 *                      partitions or topics
 * @param outageHold    after a broker did not answer, how long publishes and new streams fail at once
 *                      (503, the end of the stream) before it is tried again
 */
@ConfigurationProperties("gatehouse.gateway.event-sources")
public record EventSourceProperties(
        @DefaultValue("true") boolean webhookFeeds,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("5s") Duration probeInterval,
        @DefaultValue("2s") Duration outageHold) {

    public EventSourceProperties {
        for (Duration duration : new Duration[] {timeout, probeInterval, outageHold}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("gatehouse.gateway.event-sources durations must be positive");
            }
        }
    }
}
