package io.gatehouse.gateway.event.sse;

import io.gatehouse.gateway.event.builtin.StoredEvent;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One open SSE stream. Events reach it from its {@link ChannelFanOut} (any thread) into a bounded
 * queue, the oldest dropped (and counted) when it is full; they leave it on the connection's event
 * loop, one at a time and in id order, each through the chain's message phase, and only while the
 * connection takes writes. A subscriber that resumes ({@code Last-Event-ID}) first reads the events it
 * missed from the store, a batch whenever its queue is empty; the events offered meanwhile wait
 * aside and join, without duplicates, once the store has no more.
 */
final class SseSubscriber {

    private final Context context;
    private final HttpServerResponse response;
    private final Exchange exchange;
    private final PolicyChain chain;
    private final int capacity;
    private final SseMetrics metrics;
    private final BiFunction<Long, Integer, Future<List<StoredEvent>>> catchUp;

    private final ArrayDeque<StoredEvent> queue = new ArrayDeque<>();
    private List<StoredEvent> aside = new ArrayList<>();
    private boolean asideOverflowed;
    private long lastQueued;
    private boolean catchingUp;
    private boolean drainScheduled;
    private volatile boolean closed;

    private boolean busy;
    private boolean reading;
    private long heartbeat = -1;
    private volatile Runnable onClose = () -> { };

    SseSubscriber(Context context, HttpServerResponse response, Exchange exchange, PolicyChain chain, int capacity,
                  SseMetrics metrics, BiFunction<Long, Integer, Future<List<StoredEvent>>> catchUp) {
        this.context = context;
        this.response = response;
        this.exchange = exchange;
        this.chain = chain;
        this.capacity = capacity;
        this.metrics = metrics;
        this.catchUp = catchUp;
    }

    /** Called by the fan-out as the subscriber joins it, before any offer. */
    synchronized void start(long from, boolean resume) {
        lastQueued = from;
        catchingUp = resume;
        if (resume) {
            scheduleDrain();
        }
    }

    void heartbeats(long periodMillis) {
        heartbeat = context.owner().setPeriodic(periodMillis, id -> {
            if (!closed && !response.writeQueueFull()) {
                response.write(Buffer.buffer(SseFrames.PING));
            }
        });
    }

    void onClose(Runnable onClose) {
        this.onClose = onClose;
    }

    boolean closed() {
        return closed;
    }

    /** Queues one event; never blocks. */
    void offer(StoredEvent event) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (catchingUp) {
                if (aside.size() >= capacity) {
                    aside.clear();
                    asideOverflowed = true;
                }
                aside.add(event);
                return;
            }
            if (event.id() <= lastQueued) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                metrics.overflowed();
            }
            queue.addLast(event);
            lastQueued = event.id();
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (!drainScheduled) {
            drainScheduled = true;
            context.runOnContext(ignored -> drain());
        }
    }

    private void drain() {
        synchronized (this) {
            drainScheduled = false;
        }
        while (!closed && !busy) {
            if (response.writeQueueFull()) {
                busy = true;
                response.drainHandler(ignored -> {
                    busy = false;
                    drain();
                });
                return;
            }
            StoredEvent next;
            boolean behind;
            synchronized (this) {
                next = queue.pollFirst();
                behind = next == null && catchingUp;
            }
            if (next == null) {
                if (behind && !reading) {
                    readMissed();
                }
                return;
            }
            deliver(next);
        }
    }

    private void deliver(StoredEvent event) {
        Message message = new Message(Message.Direction.DELIVER, event.channel(), Long.toString(event.id()),
                ByteBuffer.wrap(event.payload()).asReadOnlyBuffer());
        Verdict verdict = chain.onMessage(exchange, message);
        if (verdict instanceof Verdict.Pending pending) {
            busy = true;
            pending.decision().whenComplete((decided, error) -> context.runOnContext(ignored -> {
                busy = false;
                if (error != null) {
                    end();
                    return;
                }
                act(decided, event);
                drain();
            }));
            return;
        }
        act(verdict, event);
    }

    private void act(Verdict verdict, StoredEvent event) {
        switch (verdict) {
            case Verdict.Proceed proceed -> {
                response.write(Buffer.buffer(SseFrames.event(event)));
                metrics.delivered();
            }
            case Verdict.Drop drop -> metrics.droppedByPolicy();
            default -> end();
        }
    }

    private void readMissed() {
        reading = true;
        long from;
        synchronized (this) {
            from = lastQueued;
        }
        int batch = capacity;
        catchUp.apply(from, batch).onComplete(read -> {
            reading = false;
            if (read.failed()) {
                end();
                return;
            }
            List<StoredEvent> events = read.result();
            synchronized (this) {
                for (StoredEvent event : events) {
                    if (event.id() > lastQueued) {
                        queue.addLast(event);
                        lastQueued = event.id();
                    }
                }
                if (events.size() < batch) {
                    if (asideOverflowed) {
                        asideOverflowed = false;
                        aside.clear();
                    } else {
                        for (StoredEvent event : aside) {
                            if (event.id() > lastQueued) {
                                queue.addLast(event);
                                lastQueued = event.id();
                            }
                        }
                        aside = List.of();
                        catchingUp = false;
                    }
                }
            }
            drain();
        });
    }

    /** Ends the stream from the gateway's side. */
    void end() {
        close();
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    /** The stream is over (either side ended it): stop timers and leave the fan-out. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat >= 0) {
            context.owner().cancelTimer(heartbeat);
        }
        onClose.run();
    }
}
