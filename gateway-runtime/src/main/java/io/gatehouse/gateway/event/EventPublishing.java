package io.gatehouse.gateway.event;

import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.event.source.EventSourceConnectors;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.vertx.core.Future;
import org.springframework.stereotype.Component;

/**
 * Hands an admitted event to its API's event source (stored, or produced to its broker), off the event
 * loop; for {@code POST} and WebSocket publishing alike. The future completes on the caller's context,
 * failed with {@link io.gatehouse.gateway.event.source.SourceUnavailableException} when the source
 * cannot be reached.
 */
@Component
public class EventPublishing {

    private final EventSourceConnectors connectors;
    private final GatewayEngine engine;

    public EventPublishing(EventSourceConnectors connectors, GatewayEngine engine) {
        this.connectors = connectors;
        this.engine = engine;
    }

    public Future<StreamEvent> publish(Exchange exchange, ChannelMatcher.Match match, String contentType, byte[] payload) {
        return engine.vertx().executeBlocking(() -> connectors.of(exchange.api()).publish(exchange.api(), match.channel(),
                exchange.pathWithinApi(), match.parameters(), contentType, payload), false);
    }
}
