package io.gatehouse.gateway.event.source;

import java.time.Duration;

/**
 * Remembers for a short while that a broker did not answer, so that the publishes and stream
 * (re)connections that follow fail at once instead of each waiting out the timeout on a worker thread
 * (SSE clients reconnect every few seconds; a broker outage must not tie up the gateway's workers).
 */
public final class OutageGate {

    private final Duration hold;
    private volatile long closedUntil;
    private volatile String reason;

    public OutageGate(Duration hold) {
        this.hold = hold;
    }

    /** Throws {@link SourceUnavailableException} while a recent failure holds the gate closed. */
    public void check() {
        if (System.nanoTime() - closedUntil < 0) {
            throw new SourceUnavailableException(reason + " (a moment ago; not tried again yet)");
        }
    }

    public void failed(String why) {
        reason = why;
        closedUntil = System.nanoTime() + hold.toNanos();
    }
}
