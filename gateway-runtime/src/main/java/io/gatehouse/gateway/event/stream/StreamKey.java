package io.gatehouse.gateway.event.stream;

import java.util.UUID;

/** One stream of the built-in source: an API's concrete channel path, parameters filled in. */
public record StreamKey(UUID apiId, String path) {
}
