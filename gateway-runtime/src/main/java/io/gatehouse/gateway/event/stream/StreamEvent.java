package io.gatehouse.gateway.event.stream;

import java.time.Instant;
import java.util.UUID;

/**
 * One event of the built-in source, as stored.
 *
 * @param id          the ordering key: grows with every event, in commit order within one channel path
 * @param channel     the channel's name
 * @param path        the concrete channel path below the API's context, parameters filled in
 */
public record StreamEvent(long id, UUID apiId, String channel, String path, String contentType, byte[] payload,
                          Instant publishedAt) {
}
