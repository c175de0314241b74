package io.gatehouse.gateway.event.stream;

import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.event.EventProperties;
import io.gatehouse.gateway.event.builtin.EventNotifier;
import io.gatehouse.gateway.event.builtin.EventStore;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's open streams of the built-in source, one {@link ChannelFanOut} per channel path that has
 * subscribers, and the {@link EventNotifier} that wakes them: each stream's new events are read once
 * per node, however many subscribers it has.
 */
@Component
public class StreamHub implements SmartLifecycle {

    private final EventStore store;
    private final EventProperties properties;
    private final GatewayEngine engine;
    private final DataSource dataSource;
    private final Map<StreamKey, ChannelFanOut> fanOuts = new HashMap<>();
    private final ExecutorService readers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-read-", 0).factory());
    private EventNotifier notifier;

    public StreamHub(EventStore store, EventProperties properties, GatewayEngine engine, DataSource dataSource) {
        this.store = store;
        this.properties = properties;
        this.engine = engine;
        this.dataSource = dataSource;
    }

    /** Adds {@code subscriber} to its stream's fan-out, made on first use; completes on the caller's context. */
    public Future<Void> join(StreamSubscriber subscriber, UUID apiId, String path, Long lastEventId) {
        StreamKey key = new StreamKey(apiId, path);
        return engine.vertx().executeBlocking(() -> {
            ChannelFanOut fanOut = joinExisting(key, subscriber, lastEventId);
            if (fanOut == null) {
                long newest = store.lastId(apiId, path);
                synchronized (fanOuts) {
                    fanOut = fanOuts.computeIfAbsent(key, k -> new ChannelFanOut(k, newest, store, readers, properties.readBatch()));
                    fanOut.join(subscriber, lastEventId);
                }
            }
            ChannelFanOut joined = fanOut;
            subscriber.onClose(() -> leave(joined, subscriber));
            if (subscriber.closed()) {
                leave(joined, subscriber);
            }
            return null;
        }, false);
    }

    private ChannelFanOut joinExisting(StreamKey key, StreamSubscriber subscriber, Long lastEventId) {
        synchronized (fanOuts) {
            ChannelFanOut fanOut = fanOuts.get(key);
            if (fanOut != null) {
                fanOut.join(subscriber, lastEventId);
            }
            return fanOut;
        }
    }

    /** Reads a subscriber's missed events; completes on the caller's context. */
    public Future<List<StreamEvent>> missed(UUID apiId, String path, long afterId, int limit) {
        return engine.vertx().executeBlocking(() -> store.after(apiId, path, afterId, limit), false);
    }

    private void leave(ChannelFanOut fanOut, StreamSubscriber subscriber) {
        synchronized (fanOuts) {
            if (fanOut.leave(subscriber)) {
                fanOuts.remove(fanOut.key(), fanOut);
            }
        }
    }

    /** Wakes the streams of {@code apiId}, or all when it is null. */
    public void wake(UUID apiId) {
        List<ChannelFanOut> woken;
        synchronized (fanOuts) {
            woken = fanOuts.values().stream().filter(f -> apiId == null || f.key().apiId().equals(apiId)).toList();
        }
        woken.forEach(ChannelFanOut::wake);
    }

    public int streams() {
        synchronized (fanOuts) {
            return fanOuts.size();
        }
    }

    @Override
    public synchronized void start() {
        notifier = new EventNotifier(dataSource, properties.pollInterval(), this::wake);
    }

    @Override
    public synchronized void stop() {
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
        readers.shutdownNow();
    }

    @Override
    public synchronized boolean isRunning() {
        return notifier != null;
    }
}
