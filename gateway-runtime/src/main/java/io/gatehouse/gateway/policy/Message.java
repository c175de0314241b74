package io.gatehouse.gateway.policy;

import java.nio.ByteBuffer;

/**
 * One event passing the gateway on an event API's channel.
 *
 * @param direction {@code PUBLISH} from a client toward the source, {@code DELIVER} toward a consumer
 * @param channel   the channel address, e.g. {@code lights/measured}
 * @param id        the event's id, or null when the source gives none
 * @param payload   the event's bytes, read-only
 */
public record Message(Direction direction, String channel, String id, ByteBuffer payload) {

    public enum Direction { PUBLISH, DELIVER }

    public int size() {
        return payload == null ? 0 : payload.remaining();
    }
}
