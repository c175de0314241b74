package io.gatehouse.analytics.dashboard;

import java.util.UUID;

/**
 * One API, application or operation among the busiest of a range: its calls and events, its calls
 * answered 4xx or 5xx, and its bytes both ways. {@code name} is null when the registry no longer has it.
 * For an operation, {@code id} is its API's and {@code name} is {@code METHOD template} (or just the
 * method when the call matched no declared operation).
 */
public record TopEntry(UUID id, String name, long requests, long events, long errors, long bytes) {
}
