package io.gatehouse.core.api.spec;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.EventSource;
import io.gatehouse.core.api.operation.ApiOperation;
import java.util.List;

/**
 * An API created from a document: a REST API with the operations read from it ({@code channels} and
 * {@code source} null), or an EVENT API with its channels and event source ({@code operations} null).
 */
public record ImportedApiResult(Api api, List<ApiOperation> operations, List<Channel> channels, EventSource source) {
}
