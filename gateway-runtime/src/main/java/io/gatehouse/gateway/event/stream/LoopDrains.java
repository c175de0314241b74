package io.gatehouse.gateway.event.stream;

import io.vertx.core.Context;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber drains requested, from any thread, for one event loop, run together in one task on
 * that loop: one event fanned out to a thousand subscribers wakes each loop once, not a thousand times.
 * Each drain still runs alone and in the order requested.
 */
final class LoopDrains {

    private static final Logger log = LoggerFactory.getLogger(LoopDrains.class);
    private static final ThreadLocal<LoopDrains> LOOPS = ThreadLocal.withInitial(LoopDrains::new);

    private final ConcurrentLinkedQueue<Runnable> requested = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Those of the event loop running this thread; off an event loop, a set of one's own. */
    static LoopDrains ofThisLoop() {
        return Context.isOnEventLoopThread() ? LOOPS.get() : new LoopDrains();
    }

    /** Runs {@code drain} soon on {@code context}'s event loop, which must be this set's. */
    void request(Context context, Runnable drain) {
        requested.add(drain);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(ignored -> runRequested());
        }
    }

    private void runRequested() {
        scheduled.set(false);
        for (Runnable drain = requested.poll(); drain != null; drain = requested.poll()) {
            try {
                drain.run();
            } catch (RuntimeException e) {
                log.error("Delivering queued events to a stream failed", e);
            }
        }
    }
}
