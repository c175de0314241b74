package io.gatehouse.gateway.event.stream;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.event.source.EventSourceConnector;
import io.gatehouse.gateway.event.source.EventSourceConnectors;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.gatehouse.gateway.route.Route;
import io.gatehouse.gateway.route.RouteTable;
import io.gatehouse.gateway.route.RoutesListener;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * This node's open streams, one {@link ChannelFanOut} per channel path that has subscribers, each fed
 * by its API's event source ({@link EventSourceConnector#follow}): a stream's events are read once per
 * node, however many subscribers it has, whatever the source. When a new snapshot removes an API or
 * changes its source or the channel's name at the source, the streams that read the old one end (their
 * clients reconnect to what is served now); the other streams' consumers are checked again
 * ({@link Standing}): a suspended or ended subscription, or a revoked key, ends a stream.
 */
@Component
public class StreamHub implements RoutesListener {

    private final EventSourceConnectors connectors;
    private final GatewayEngine engine;
    private final Map<StreamKey, ChannelFanOut> fanOuts = new HashMap<>();

    public StreamHub(EventSourceConnectors connectors, GatewayEngine engine) {
        this.connectors = connectors;
        this.engine = engine;
    }

    /**
     * Adds {@code subscriber} to its stream's fan-out, made (and its source followed) on first use;
     * completes on the caller's context, failed when the source cannot be reached.
     *
     * @param lastEventId the consumer's {@code Last-Event-ID}, or null; ignored where the source keeps no history
     */
    public Future<Void> join(StreamSubscriber subscriber, ServedApi api, ChannelMatcher.Match match, String path, String lastEventId) {
        StreamKey key = new StreamKey(api.id(), path);
        return engine.vertx().executeBlocking(() -> {
            EventSourceConnector connector = connectors.of(api);
            StreamPosition resumeFrom = connector.keepsHistory() ? StreamPosition.parse(lastEventId) : null;
            ChannelFanOut fanOut;
            do {
                synchronized (fanOuts) {
                    fanOut = fanOuts.computeIfAbsent(key, k -> new ChannelFanOut(k, api, match.channel(), connector, this::remove));
                }
            } while (!fanOut.open(match.parameters()) || !fanOut.join(subscriber, resumeFrom));
            ChannelFanOut joined = fanOut;
            subscriber.onClose(() -> joined.leave(subscriber));
            if (subscriber.closed()) {
                joined.leave(subscriber);
            }
            return null;
        }, false);
    }

    /** Reads events a subscriber missed, after {@code from}; completes on the caller's context. */
    public Future<List<StreamEvent>> missed(UUID apiId, String path, StreamPosition from, int limit) {
        ChannelFanOut fanOut;
        synchronized (fanOuts) {
            fanOut = fanOuts.get(new StreamKey(apiId, path));
        }
        if (fanOut == null) {
            return Future.failedFuture(new IllegalStateException("the stream " + path + " is not followed"));
        }
        return engine.vertx().executeBlocking(() -> fanOut.connector().after(fanOut.api(), fanOut.channel(), path, from, limit),
                false);
    }

    private void remove(ChannelFanOut fanOut) {
        synchronized (fanOuts) {
            fanOuts.remove(fanOut.key(), fanOut);
        }
    }

    /** How many subscribers the stream of a channel path has on this node, once they are joined. */
    public int subscribers(UUID apiId, String path) {
        ChannelFanOut fanOut;
        synchronized (fanOuts) {
            fanOut = fanOuts.get(new StreamKey(apiId, path));
        }
        return fanOut == null ? 0 : fanOut.subscriberCount();
    }

    public int streams() {
        synchronized (fanOuts) {
            return fanOuts.size();
        }
    }

    @Override
    public void routesInstalled(RouteTable table) {
        List<ChannelFanOut> open;
        synchronized (fanOuts) {
            open = List.copyOf(fanOuts.values());
        }
        if (!open.isEmpty()) {
            followChanges(open, table);
        }
        connectors.retain(table.apis());
    }

    /** Ends the streams the new routes no longer serve alike, and checks the consumers of the others again. */
    private static void followChanges(List<ChannelFanOut> open, RouteTable table) {
        Map<UUID, Route> routes = new HashMap<>();
        for (ServedApi api : table.apis()) {
            routes.put(api.id(), table.match(api.context()));
        }
        Standing standing = new Standing(table.snapshot());
        for (ChannelFanOut fanOut : open) {
            Route route = routes.get(fanOut.key().apiId());
            ChannelMatcher.Match match = route == null ? null : route.channels().match(fanOut.key().path());
            ServedChannel channel = match == null ? null : match.channel();
            if (!fanOut.servedAlikeBy(route == null ? null : route.api(), channel)) {
                Thread.ofVirtual().name("stream-end").start(fanOut::end);
            } else {
                fanOut.subscribers().forEach(subscriber -> subscriber.recheck(standing));
            }
        }
    }
}
