package io.gatehouse.gateway.event.source;

import io.gatehouse.core.api.event.EventSource;
import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The connector of each kind of event source. */
@Component
public class EventSourceConnectors {

    private static final Logger log = LoggerFactory.getLogger(EventSourceConnectors.class);

    private final Map<EventSourceKind, EventSourceConnector> byKind = new EnumMap<>(EventSourceKind.class);

    public EventSourceConnectors(List<EventSourceConnector> connectors) {
        connectors.forEach(connector -> byKind.put(connector.kind(), connector));
    }

    /** The connector of {@code api}'s source (the built-in one when it has none). */
    public EventSourceConnector of(ServedApi api) {
        EventSource source = api.source() == null ? EventSource.DEFAULT : api.source();
        EventSourceConnector connector = byKind.get(source.kind());
        if (connector == null) {
            throw new SourceUnavailableException("this gateway has no connector for " + source.kind() + " sources");
        }
        return connector;
    }

    /** Lets every connector release what the served APIs no longer use. */
    public void retain(Collection<ServedApi> served) {
        for (EventSourceConnector connector : byKind.values()) {
            try {
                connector.retain(served);
            } catch (RuntimeException e) {
                log.warn("Releasing unused {} connections failed: {}", connector.kind(), e.getMessage());
            }
        }
    }
}
