package io.gatehouse.gateway.event.builtin;

import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.EventProperties;
import io.gatehouse.gateway.event.source.EventSourceConnector;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.source.WebhookSink;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamPosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The built-in source: events in PostgreSQL ({@link EventStore}), published with their webhooks in one
 * transaction ({@link EventPublisher}); each followed channel path reads its new rows when the
 * {@link EventNotifier} says its API has some (or every poll interval), once per node.
 */
@Component
public class BuiltinConnector implements EventSourceConnector, SmartLifecycle {

    private final EventPublisher publisher;
    private final EventStore store;
    private final EventProperties properties;
    private final DataSource dataSource;
    private final Set<BuiltinFeed> feeds = ConcurrentHashMap.newKeySet();
    // made again by start() once stop() shut it down: a stopped context may be started again (paused test contexts are)
    private volatile ExecutorService readers = newReaders();
    private EventNotifier notifier;

    public BuiltinConnector(EventPublisher publisher, EventStore store, EventProperties properties, DataSource dataSource) {
        this.publisher = publisher;
        this.store = store;
        this.properties = properties;
        this.dataSource = dataSource;
    }

    @Override
    public EventSourceKind kind() {
        return EventSourceKind.BUILTIN;
    }

    @Override
    public StreamEvent publish(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters,
                               String contentType, byte[] payload) {
        StreamEvent event;
        try {
            event = publisher.store(api.id(), channel.name(), path, parameters, contentType, payload);
        } catch (DataAccessException | TransactionException e) {
            throw new SourceUnavailableException("the event store is unavailable: " + e.getMessage(), e);
        }
        wake(api.id());
        return event;
    }

    @Override
    public Feed follow(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, FeedSink sink) {
        long lastId;
        try {
            lastId = store.lastId(api.id(), path);
        } catch (DataAccessException e) {
            throw new SourceUnavailableException("the event store is unavailable: " + e.getMessage(), e);
        }
        BuiltinFeed[] feed = new BuiltinFeed[1];
        feed[0] = new BuiltinFeed(api.id(), path, lastId, store, task -> readers.execute(task), properties.readBatch(), sink,
                () -> feeds.remove(feed[0]));
        feeds.add(feed[0]);
        return feed[0];
    }

    @Override
    public boolean keepsHistory() {
        return true;
    }

    @Override
    public List<StreamEvent> after(ServedApi api, ServedChannel channel, String path, StreamPosition from, int limit) {
        return store.after(api.id(), path, Math.max(0, from.last(0)), limit);
    }

    @Override
    public Feed followForWebhooks(ServedApi api, List<ServedChannel> channels, WebhookSink sink) {
        return null;
    }

    @Override
    public void retain(Collection<ServedApi> served) {
    }

    /** Wakes the feeds of {@code apiId}, or all when it is null. */
    public void wake(UUID apiId) {
        for (BuiltinFeed feed : feeds) {
            if (apiId == null || feed.apiId().equals(apiId)) {
                feed.wake();
            }
        }
    }

    private static ExecutorService newReaders() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-read-", 0).factory());
    }

    @Override
    public synchronized void start() {
        if (readers.isShutdown()) {
            readers = newReaders();
        }
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
