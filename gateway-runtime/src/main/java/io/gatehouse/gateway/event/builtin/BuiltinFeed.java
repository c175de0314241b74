package io.gatehouse.gateway.event.builtin;

import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamPosition;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel path of the built-in source followed on this node. Woken by the notifier, it reads the
 * new rows once, off the event loops (one read at a time; wake-ups during a read fold into one more),
 * and pushes them to its sink.
 */
final class BuiltinFeed implements Feed {

    private static final Logger log = LoggerFactory.getLogger(BuiltinFeed.class);

    private final UUID apiId;
    private final String path;
    private final EventStore store;
    private final Executor reader;
    private final int batch;
    private final FeedSink sink;
    private final Runnable onClose;
    private final StreamPosition start = new StreamPosition();
    private final AtomicInteger wakeups = new AtomicInteger();
    private volatile boolean closed;
    private long lastId;

    BuiltinFeed(UUID apiId, String path, long lastId, EventStore store, Executor reader, int batch, FeedSink sink, Runnable onClose) {
        this.apiId = apiId;
        this.path = path;
        this.lastId = lastId;
        this.store = store;
        this.reader = reader;
        this.batch = batch;
        this.sink = sink;
        this.onClose = onClose;
        start.set(0, lastId);
    }

    UUID apiId() {
        return apiId;
    }

    @Override
    public StreamPosition start() {
        return start.copy();
    }

    void wake() {
        if (!closed && wakeups.getAndIncrement() == 0) {
            reader.execute(this::readNew);
        }
    }

    private void readNew() {
        int missed = 1;
        while (true) {
            try {
                readAll();
            } catch (RuntimeException e) {
                log.warn("Reading new events of {} failed: {}", path, e.getMessage());
            }
            missed = wakeups.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void readAll() {
        while (!closed) {
            List<StreamEvent> events = store.after(apiId, path, lastId, batch);
            for (StreamEvent event : events) {
                sink.accept(event);
                lastId = Math.max(lastId, event.seq());
            }
            if (events.size() < batch) {
                return;
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
