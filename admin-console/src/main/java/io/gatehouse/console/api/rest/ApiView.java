package io.gatehouse.console.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.EventApi;
import io.gatehouse.core.api.event.EventSource;
import java.util.List;

/** An API as {@code GET /apis/{id}} shows it: its fields, and for an EVENT API its channels and event source. */
public record ApiView(@JsonUnwrapped Api api,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<Channel> channels,
                      @JsonInclude(JsonInclude.Include.NON_NULL) EventSource source) {

    static ApiView of(Api api) {
        return new ApiView(api, null, null);
    }

    static ApiView of(EventApi api) {
        return new ApiView(api.api(), api.channels(), api.source() == null ? null : api.source().redacted());
    }

    /** This view without the event source, which names brokers (and may carry their credentials): what developers see. */
    ApiView withoutSource() {
        return new ApiView(api, channels, null);
    }
}
