package io.gatehouse.console.api.rest;

import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.api.event.EventSource;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/apis/{apiId}/source}: the event source of an EVENT API ({@code {"kind": "KAFKA", …}}).
 * Publishers replace it; admins, publishers and billing read it (it names brokers, so developers do
 * not). A password in a broker URI is never shown ({@link EventSource#redacted()}); a change that sends
 * the hidden form back keeps the stored password.
 */
@RestController
@RequestMapping("/api/v1/apis/{apiId}/source")
public class EventSourceController {

    private final EventApiService eventApis;

    public EventSourceController(EventApiService eventApis) {
        this.eventApis = eventApis;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING')")
    public EventSource get(@PathVariable UUID apiId) {
        return eventApis.source(apiId).redacted();
    }

    @PutMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public EventSource change(@PathVariable UUID apiId, @RequestBody Map<String, Object> source) {
        return eventApis.changeSource(apiId, source, "").redacted();
    }
}
