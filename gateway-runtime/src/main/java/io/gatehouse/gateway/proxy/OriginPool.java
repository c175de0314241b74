package io.gatehouse.gateway.proxy;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One event loop's connections to one {@link Origin}: the idle ones, how many are open, and the calls
 * waiting, first come first served, while as many as the loop may open are busy. A waiting call gets the
 * next connection freed or the next slot a closed one leaves, or gives up after its connect timeout.
 * Used only on its event loop.
 */
final class OriginPool {

    private final UpstreamConnections connections;
    private final Origin origin;
    private final EventLoop loop;
    private final int max;
    private final UpstreamWaits waits;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int open;
    private boolean serving;

    OriginPool(UpstreamConnections connections, Origin origin, EventLoop loop, int max, UpstreamWaits waits) {
        this.connections = connections;
        this.origin = origin;
        this.loop = loop;
        this.max = max;
        this.waits = waits;
    }

    Origin origin() {
        return origin;
    }

    /** Hands {@code then}, within {@code context}, an idle connection, a new one, or the next one freed; else why none. */
    void acquire(ContextInternal context, long connectTimeoutMillis, BiConsumer<UpstreamConnection, Throwable> then) {
        if (waiting.isEmpty()) {
            UpstreamConnection connection = takeIdle();
            if (connection != null) {
                then.accept(connection, null);
                return;
            }
            if (open < max) {
                open(context, connectTimeoutMillis, then);
                return;
            }
        }
        Waiter waiter = new Waiter(context, then, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis));
        waiter.timer = loop.schedule(() -> giveUp(waiter, connectTimeoutMillis), connectTimeoutMillis, TimeUnit.MILLISECONDS);
        waiting.addLast(waiter);
        waits.waited(origin);
    }

    /** Takes back a connection that finished its call. */
    void release(UpstreamConnection connection) {
        idle.addLast(connection);
        serveLater();
    }

    private void open(ContextInternal context, long connectTimeoutMillis, BiConsumer<UpstreamConnection, Throwable> then) {
        open++;
        connections.connect(context, this, connectTimeoutMillis, then).closeFuture().addListener(closed -> {
            open--;
            serveLater();
        });
    }

    /** Not at once: a connection is released, or closes, in the middle of its previous call's last event. */
    private void serveLater() {
        if (!waiting.isEmpty() && !serving) {
            serving = true;
            loop.execute(this::serveWaiting);
        }
    }

    private void serveWaiting() {
        serving = false;
        Waiter waiter;
        while ((waiter = waiting.peekFirst()) != null) {
            UpstreamConnection connection = takeIdle();
            if (connection == null && open >= max) {
                return;
            }
            waiting.pollFirst();
            waiter.timer.cancel(false);
            if (connection != null) {
                Waiter served = waiter;
                waiter.context.emit(ignored -> served.then.accept(connection, null));
            } else {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waiter.deadlineNanos - System.nanoTime()));
                open(waiter.context, left, waiter.then);
            }
        }
    }

    private void giveUp(Waiter waiter, long connectTimeoutMillis) {
        if (waiting.remove(waiter)) {
            waits.gaveUp(origin);
            waiter.context.emit(ignored -> waiter.then.accept(null, new UpstreamBusyException(max, connectTimeoutMillis)));
        }
    }

    private UpstreamConnection takeIdle() {
        UpstreamConnection connection;
        while ((connection = idle.pollLast()) != null) {
            if (connection.reusable()) {
                return connection;
            }
        }
        return null;
    }

    private static final class Waiter {
        final ContextInternal context;
        final BiConsumer<UpstreamConnection, Throwable> then;
        final long deadlineNanos;
        ScheduledFuture<?> timer;

        Waiter(ContextInternal context, BiConsumer<UpstreamConnection, Throwable> then, long deadlineNanos) {
            this.context = context;
            this.then = then;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
