package io.gatehouse.gateway.event.stream;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The frames of the events a transport wrote last, each made once: every subscriber of a channel path on
 * this node receives the same {@link StreamEvent} object, so the first one to write it encodes it and the
 * others reuse the frame. Keyed by the event's identity, a few dozen at a time, small events only; safe
 * to share between event loops (a frame must then be safe to write from several threads).
 *
 * @param <F> the transport's frame
 */
public final class RecentFrames<F> {

    private static final int SLOTS = 64;
    private static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final Function<StreamEvent, F> encoder;
    private final AtomicReferenceArray<Encoded<F>> recent = new AtomicReferenceArray<>(SLOTS);

    public RecentFrames(Function<StreamEvent, F> encoder) {
        this.encoder = encoder;
    }

    public F of(StreamEvent event) {
        int slot = (int) Math.floorMod(event.seq(), (long) SLOTS);
        Encoded<F> cached = recent.get(slot);
        if (cached != null && cached.event() == event) {
            return cached.frame();
        }
        F frame = encoder.apply(event);
        if (event.payload().length <= MAX_PAYLOAD_BYTES) {
            recent.set(slot, new Encoded<>(event, frame));
        }
        return frame;
    }

    private record Encoded<F>(StreamEvent event, F frame) {
    }
}
