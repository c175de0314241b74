package io.gatehouse.gateway.event.sse;

import java.util.UUID;

/** One stream of the built-in source: an API's concrete channel path, parameters filled in. */
record StreamKey(UUID apiId, String path) {
}
