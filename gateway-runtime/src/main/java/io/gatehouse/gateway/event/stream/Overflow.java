package io.gatehouse.gateway.event.stream;

/** What happens when a subscriber's queue is full because its client reads slower than events arrive. */
public enum Overflow {
    /** The oldest queued event is dropped (and counted) to make room; the stream goes on. */
    DROP_OLDEST,
    /** The stream ends as {@link StreamWriter.EndReason#TRY_AGAIN_LATER}: the client reconnects and resumes. */
    DISCONNECT
}
