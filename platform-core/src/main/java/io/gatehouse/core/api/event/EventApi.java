package io.gatehouse.core.api.event;

import io.gatehouse.core.api.Api;
import java.util.List;

/** An EVENT API with its channels and its event source. */
public record EventApi(Api api, List<Channel> channels, EventSource source) {
}
