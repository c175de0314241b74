package io.gatehouse.gateway.event.stream;

import io.gatehouse.gateway.event.stream.StreamWriter.EndReason;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.DropReason;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One open stream of one subscriber, whatever its transport ({@link StreamWriter}). Events reach it
 * from its {@link ChannelFanOut} (any thread) into a bounded queue; when it is full the {@link Overflow}
 * setting drops the oldest (counted) or ends the stream. They leave it on the connection's event
 * loop, one at a time and in id order, each through the chain's message phase, and only while the
 * connection takes writes: a policy that holds an event back (a pending verdict) holds the ones behind
 * it too. A policy's rejection ends the stream, as do the expiry of the credential that opened it
 * ({@link Exchange#credentialExpiresAt()}) and a new snapshot in which its subscription is no longer
 * active or its API key is revoked ({@link Standing}). A subscriber that resumes ({@code Last-Event-ID}) first
 * reads the events it missed from its source, a batch whenever its queue is empty; the events offered
 * meanwhile wait aside and join, without duplicates, once the source has no more.
 */
public final class StreamSubscriber {

    private final Context context;
    private final StreamWriter writer;
    private final Exchange exchange;
    private final PolicyChain chain;
    private final int capacity;
    private final Overflow overflow;
    private final StreamMetrics metrics;
    private final BiFunction<StreamPosition, Integer, Future<List<StreamEvent>>> catchUp;

    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    private List<StreamEvent> aside = new ArrayList<>();
    private boolean asideOverflowed;
    private StreamPosition position = new StreamPosition();
    private boolean catchingUp;
    private boolean drainScheduled;
    private volatile boolean closed;
    private volatile boolean disconnecting;

    private boolean busy;
    private boolean reading;
    private long heartbeat = -1;
    private long expiry = -1;
    private volatile int depth;
    private volatile Runnable onClose = () -> { };

    /**
     * Made on the connection's event loop ({@code context}); starts the credential's expiry timer.
     *
     * @param capacity how many events may wait for the connection
     * @param catchUp  reads stored events after an id, at most a number of them (for a resume)
     */
    public StreamSubscriber(Context context, StreamWriter writer, Exchange exchange, PolicyChain chain, int capacity,
                            Overflow overflow, StreamMetrics metrics, BiFunction<StreamPosition, Integer, Future<List<StreamEvent>>> catchUp) {
        this.context = context;
        this.writer = writer;
        this.exchange = exchange;
        this.chain = chain;
        this.capacity = capacity;
        this.overflow = overflow;
        this.metrics = metrics;
        this.catchUp = catchUp;
        metrics.tracked(this);
        expireAt(exchange.credentialExpiresAt());
    }

    /** Ends the stream when its credential expires at {@code expiresAt} (null: never), instead of any earlier plan. */
    private void expireAt(Instant expiresAt) {
        if (expiry >= 0) {
            context.owner().cancelTimer(expiry);
            expiry = -1;
        }
        exchange.credentialExpiresAt(expiresAt);
        if (expiresAt != null) {
            long delay = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
            expiry = context.owner().setTimer(delay, id -> {
                expiry = -1;
                end(EndReason.POLICY, "The credential of this stream expired at " + expiresAt.truncatedTo(ChronoUnit.SECONDS)
                        + "; reconnect with a new one.");
            });
        }
    }

    /**
     * Checks the stream's consumer against a new snapshot, on the stream's event loop: ends the stream
     * when it may no longer go on, and follows a new expiry of its API key.
     */
    void recheck(Standing standing) {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            String refusal = standing.refusal(exchange);
            if (refusal != null) {
                end(EndReason.POLICY, refusal);
                return;
            }
            Instant keyExpiry = standing.keyExpiry(exchange);
            if (keyExpiry != null && !keyExpiry.equals(exchange.credentialExpiresAt())) {
                expireAt(keyExpiry);
            }
        });
    }

    /** Called by the fan-out as the subscriber joins it, before any offer. */
    synchronized void start(StreamPosition from, boolean resume) {
        position = from;
        catchingUp = resume;
        if (resume) {
            scheduleDrain();
        }
    }

    public void heartbeats(long periodMillis) {
        heartbeat = context.owner().setPeriodic(periodMillis, id -> {
            if (!closed) {
                writer.heartbeat();
            }
        });
    }

    void onClose(Runnable onClose) {
        this.onClose = onClose;
    }

    boolean closed() {
        return closed;
    }

    /** How many events wait in the queue now. */
    int queued() {
        return depth;
    }

    /** Queues one event; never blocks. */
    void offer(StreamEvent event) {
        synchronized (this) {
            if (closed || disconnecting) {
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
            if (position.covers(event)) {
                return;
            }
            if (queue.size() >= capacity) {
                if (overflow == Overflow.DISCONNECT) {
                    overflowed();
                    return;
                }
                Message lost = message(queue.pollFirst());
                metrics.overflowed();
                context.runOnContext(ignored -> chain.dropped(exchange, lost, DropReason.OVERFLOW));
            }
            queue.addLast(passed(event));
            depth = queue.size();
            scheduleDrain();
        }
    }

    /** Moves the position past {@code event}; the event as this subscriber sees it, its id resuming from here. */
    private StreamEvent passed(StreamEvent event) {
        position.advance(event);
        return event.partition() == 0 && position.single() ? event : event.withId(position.token());
    }

    private void overflowed() {
        disconnecting = true;
        queue.clear();
        depth = 0;
        metrics.disconnectedOnOverflow();
        context.runOnContext(ignored -> end(EndReason.TRY_AGAIN_LATER, "This client reads events slower than they arrive ("
                + capacity + " were waiting); reconnect and resume from the last event received."));
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
        while (!closed && !disconnecting && !busy) {
            if (writer.writeQueueFull()) {
                busy = true;
                writer.drainHandler(() -> {
                    busy = false;
                    drain();
                });
                return;
            }
            StreamEvent next;
            boolean behind;
            synchronized (this) {
                next = queue.pollFirst();
                depth = queue.size();
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

    private static Message message(StreamEvent event) {
        return new Message(Message.Direction.DELIVER, event.channel(), event.id(),
                ByteBuffer.wrap(event.payload()).asReadOnlyBuffer());
    }

    private void deliver(StreamEvent event) {
        Message message = message(event);
        Verdict verdict = chain.onMessage(exchange, message);
        if (verdict instanceof Verdict.Pending pending) {
            busy = true;
            pending.decision().whenComplete((decided, error) -> context.runOnContext(ignored -> {
                busy = false;
                if (closed) {
                    return;
                }
                if (error != null) {
                    end(EndReason.TRY_AGAIN_LATER, "The gateway could not check this event against the API's policies.");
                    return;
                }
                act(decided, event, message);
                drain();
            }));
            return;
        }
        act(verdict, event, message);
    }

    private void act(Verdict verdict, StreamEvent event, Message message) {
        switch (verdict) {
            case Verdict.Proceed proceed -> {
                writer.write(event);
                metrics.delivered(event.publishedAt());
            }
            case Verdict.Drop drop -> {
                metrics.droppedByPolicy();
                chain.dropped(exchange, message, DropReason.POLICY);
            }
            case Verdict.Reject reject -> end(reject.problem().status() == 429 || reject.problem().status() == 503
                    ? EndReason.TRY_AGAIN_LATER : EndReason.POLICY, reject.problem().detail());
            case Verdict.Pending pending -> throw new IllegalStateException("a settled verdict was expected");
        }
    }

    private void readMissed() {
        reading = true;
        StreamPosition from;
        synchronized (this) {
            from = position.copy();
        }
        int batch = capacity;
        catchUp.apply(from, batch).onComplete(read -> {
            reading = false;
            if (read.failed()) {
                end(EndReason.TRY_AGAIN_LATER, "The events missed since the last one received could not be read; reconnect shortly.");
                return;
            }
            List<StreamEvent> events = read.result();
            synchronized (this) {
                for (StreamEvent event : events) {
                    if (!position.covers(event)) {
                        queue.addLast(passed(event));
                    }
                }
                depth = queue.size();
                if (events.size() < batch) {
                    if (asideOverflowed) {
                        asideOverflowed = false;
                        aside.clear();
                    } else {
                        for (StreamEvent event : aside) {
                            if (!position.covers(event)) {
                                queue.addLast(passed(event));
                            }
                        }
                        aside = List.of();
                        catchingUp = false;
                    }
                }
                depth = queue.size();
            }
            drain();
        });
    }

    /** Its source was lost: ends the stream on its event loop; the client may resume elsewhere. */
    void sourceLost() {
        context.runOnContext(ignored -> end(EndReason.TRY_AGAIN_LATER, "The event source is unavailable; reconnect shortly."));
    }

    /** Ends the stream from the gateway's side; {@code detail} tells the client why, where the transport can. */
    public void end(EndReason reason, String detail) {
        if (closed) {
            return;
        }
        close();
        writer.end(reason, detail);
    }

    /** The stream is over (either side ended it): stop timers and leave the fan-out. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat >= 0) {
            context.owner().cancelTimer(heartbeat);
        }
        if (expiry >= 0) {
            context.owner().cancelTimer(expiry);
        }
        metrics.untracked(this);
        onClose.run();
    }
}
