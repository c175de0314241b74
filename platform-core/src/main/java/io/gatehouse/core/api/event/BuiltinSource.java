package io.gatehouse.core.api.event;

import java.time.Duration;

/** Gatehouse's own broker. {@code retention}: how long events are kept for consumers to catch up, an ISO-8601 duration ({@value #DEFAULT_RETENTION} when not given). */
public record BuiltinSource(String retention) implements EventSource {

    public static final String DEFAULT_RETENTION = "P7D";

    public BuiltinSource {
        retention = retention == null || retention.isBlank() ? DEFAULT_RETENTION : retention.strip();
    }

    @Override
    public EventSourceKind kind() {
        return EventSourceKind.BUILTIN;
    }

    public Duration retentionPeriod() {
        return Duration.parse(retention);
    }
}
