package io.gatehouse.console.api.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.event.ChannelSpec;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /apis} and {@code PUT /apis/{id}}: the API's fields ({@link ApiSpec}), and
 * for an EVENT API its {@code channels} (addresses, or channel objects; create only, {@code PUT}
 * ignores them: channels have their own resource) and its event {@code source}
 * ({@code {"kind": "KAFKA", …}}; kept when a {@code PUT} leaves it out).
 */
public record ApiRequest(@JsonUnwrapped ApiSpec api, List<ChannelSpec> channels, Map<String, Object> source) {
}
