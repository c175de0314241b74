package io.gatehouse.gateway.event.stream;

import io.gatehouse.gateway.event.builtin.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of one stream on this node and the newest event they have been offered. Woken by
 * the notifier, it reads the new rows once, off the event loops (one read at a time, wake-ups during
 * a read fold into one more), and offers each event to every subscriber; a subscriber only queues
 * it, so a slow one never holds the others up.
 */
final class ChannelFanOut {

    private static final Logger log = LoggerFactory.getLogger(ChannelFanOut.class);

    private final StreamKey key;
    private final EventStore store;
    private final Executor reader;
    private final int batch;
    private final AtomicInteger wakeups = new AtomicInteger();
    private final List<StreamSubscriber> subscribers = new ArrayList<>();
    private long lastId;

    ChannelFanOut(StreamKey key, long lastId, EventStore store, Executor reader, int batch) {
        this.key = key;
        this.lastId = lastId;
        this.store = store;
        this.reader = reader;
        this.batch = batch;
    }

    StreamKey key() {
        return key;
    }

    /** Adds a subscriber: live from now, or catching up from {@code lastEventId} when it gives one. */
    synchronized void join(StreamSubscriber subscriber, Long lastEventId) {
        subscriber.start(lastEventId == null ? lastId : lastEventId, lastEventId != null);
        subscribers.add(subscriber);
    }

    /** Removes a subscriber; true when none is left. */
    synchronized boolean leave(StreamSubscriber subscriber) {
        subscribers.remove(subscriber);
        return subscribers.isEmpty();
    }

    void wake() {
        if (wakeups.getAndIncrement() == 0) {
            reader.execute(this::readNew);
        }
    }

    private void readNew() {
        int missed = 1;
        while (true) {
            try {
                readAll();
            } catch (RuntimeException e) {
                log.warn("Reading new events of {} failed: {}", key, e.getMessage());
            }
            missed = wakeups.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void readAll() {
        while (true) {
            long from;
            synchronized (this) {
                from = lastId;
            }
            List<StreamEvent> events = store.after(key.apiId(), key.path(), from, batch);
            synchronized (this) {
                for (StreamEvent event : events) {
                    for (StreamSubscriber subscriber : subscribers) {
                        subscriber.offer(event);
                    }
                    lastId = Math.max(lastId, event.id());
                }
            }
            if (events.size() < batch) {
                return;
            }
        }
    }
}
