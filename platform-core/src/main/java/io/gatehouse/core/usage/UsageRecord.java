package io.gatehouse.core.usage;

import java.time.Instant;
import java.util.UUID;

/**
 * One call or one delivered event: who, what, when, outcome, size and latency. The unit of metering
 * and of billing. {@code id} is unique and assigned by the gateway, so that every store can be
 * idempotent on it. Consumer fields are {@code null} when the gateway could not tell who called.
 * {@code overage} marks a call let through past its plan's quota on a plan that bills overage.
 * {@code operation} is what was called: a REST operation's path template ({@code /pets/{petId}}) or an
 * event channel's name; {@code null} when the API declares no operation that matches ({@code path} keeps
 * the raw path either way).
 */
public record UsageRecord(
        UUID id,
        Instant occurredAt,
        UsageKind kind,
        UUID apiId,
        UUID planId,
        UUID applicationId,
        UUID organizationId,
        UUID subscriptionId,
        Outcome outcome,
        String method,
        String path,
        int status,
        long requestBytes,
        long responseBytes,
        long latencyMicros,
        String requestId,
        String gatewayNode,
        boolean overage,
        String operation) {

    public UsageRecord(UUID id, Instant occurredAt, UsageKind kind, UUID apiId, UUID planId, UUID applicationId,
                       UUID organizationId, UUID subscriptionId, Outcome outcome, String method, String path, int status,
                       long requestBytes, long responseBytes, long latencyMicros, String requestId, String gatewayNode) {
        this(id, occurredAt, kind, apiId, planId, applicationId, organizationId, subscriptionId, outcome, method, path,
                status, requestBytes, responseBytes, latencyMicros, requestId, gatewayNode, false, null);
    }

    public UsageRecord(UUID id, Instant occurredAt, UsageKind kind, UUID apiId, UUID planId, UUID applicationId,
                       UUID organizationId, UUID subscriptionId, Outcome outcome, String method, String path, int status,
                       long requestBytes, long responseBytes, long latencyMicros, String requestId, String gatewayNode,
                       boolean overage) {
        this(id, occurredAt, kind, apiId, planId, applicationId, organizationId, subscriptionId, outcome, method, path,
                status, requestBytes, responseBytes, latencyMicros, requestId, gatewayNode, overage, null);
    }

    public boolean billable() {
        return outcome.billable();
    }
}
