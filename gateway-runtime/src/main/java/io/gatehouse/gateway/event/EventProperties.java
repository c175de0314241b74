package io.gatehouse.gateway.event;

import io.gatehouse.gateway.event.stream.Overflow;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway serves EVENT APIs, under {@code gatehouse.gateway.events}.
 *
 * @param heartbeat        how often an idle SSE stream gets a {@code : ping} comment
 * @param retry            the reconnection delay an SSE stream announces ({@code retry:})
 * @param subscriberQueue  events waiting for one slow subscriber at most; past it the oldest are dropped
 * @param pollInterval     fallback check for new events when notifications are lost
 * @param purgeInterval    how often events past their API's retention are deleted
 * @param readBatch        how many stored events one read of the built-in source takes at most
 * @param overflow         what a full subscriber queue does: {@code drop-oldest} (counted) or {@code disconnect}
 *                         (SSE: the response ends; WebSocket: close 1013), for the client to resume
 */
@ConfigurationProperties("gatehouse.gateway.events")
public record EventProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("3s") Duration retry,
        @DefaultValue("1000") int subscriberQueue,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("10m") Duration purgeInterval,
        @DefaultValue("500") int readBatch,
        @DefaultValue("drop-oldest") Overflow overflow) {

    public EventProperties {
        if (subscriberQueue < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.events.subscriber-queue must be positive");
        }
        if (overflow == null) {
            overflow = Overflow.DROP_OLDEST;
        }
        if (readBatch < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.events.read-batch must be positive");
        }
        for (Duration duration : new Duration[] {heartbeat, retry, pollInterval, purgeInterval}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("gatehouse.gateway.events durations must be positive");
            }
        }
    }
}
