package io.gatehouse.gateway.event.stream;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of a channel path, as its source stored or delivered it.
 *
 * @param id          what consumers see as the event's id (SSE {@code id:}); for sources that keep history
 *                    it is a {@link StreamPosition} token, so that it resumes the stream
 * @param partition   the source's partition it comes from (0 for sources without partitions)
 * @param seq         its place in that partition: grows with every event (a stored id, a Kafka offset,
 *                    a node-local sequence for sources without history)
 * @param channel     the channel's name
 * @param path        the concrete channel path below the API's context, parameters filled in
 */
public record StreamEvent(String id, int partition, long seq, UUID apiId, String channel, String path, String contentType,
                          byte[] payload, Instant publishedAt) {

    /** An event of a source without partitions, whose id is its sequence number. */
    public StreamEvent(long seq, UUID apiId, String channel, String path, String contentType, byte[] payload, Instant publishedAt) {
        this(Long.toString(seq), 0, seq, apiId, channel, path, contentType, payload, publishedAt);
    }

    /** This event under another id (a subscriber's position on a source with several partitions). */
    public StreamEvent withId(String newId) {
        return new StreamEvent(newId, partition, seq, apiId, channel, path, contentType, payload, publishedAt);
    }
}
