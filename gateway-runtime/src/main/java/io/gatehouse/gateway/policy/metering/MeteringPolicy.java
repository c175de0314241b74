package io.gatehouse.gateway.policy.metering;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageIds;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.exchange.Exchange;
import java.time.Instant;
import io.gatehouse.gateway.policy.DropReason;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.Verdict;

/**
 * Turns every routed call, accepted, rejected or failed, into one {@link UsageRecord} and hands it
 * to the {@link UsageSink} once the client has been served. Consumer fields stay null when the
 * call was rejected before the consumer was known. On an event API every message that passes (a
 * publish, an event delivered on a stream) is one {@code EVENT} record with its bytes instead; the
 * admitted call that carried them ({@link Exchange#meteredPerMessage()}) is then not recorded again.
 * An event dropped before its consumer got it is one non-billable {@code EVENT} record, outcome
 * {@code REJECTED}, status 429 when a policy dropped it and 503 when the consumer's queue overflowed.
 */
public final class MeteringPolicy implements Policy {

    private final MeteringConfig config;
    private final UsageSink sink;

    public MeteringPolicy(MeteringConfig config, UsageSink sink) {
        this.config = config;
        this.sink = sink;
    }

    @Override
    public String name() {
        return "metering";
    }

    @Override
    public Verdict onMessage(Exchange exchange, Message message) {
        if (exchange.api() == null) {
            return Verdict.proceed();
        }
        boolean published = message.direction() == Message.Direction.PUBLISH;
        sink.accept(record(exchange, Instant.now(), UsageKind.EVENT, Outcome.ACCEPTED, message.direction().name(),
                published ? 202 : 200, published ? message.size() : 0, published ? 0 : message.size(), 0,
                exchange.overage()));
        return Verdict.proceed();
    }

    @Override
    public void onMessageDropped(Exchange exchange, Message message, DropReason reason) {
        if (exchange.api() == null) {
            return;
        }
        sink.accept(record(exchange, Instant.now(), UsageKind.EVENT, Outcome.REJECTED, message.direction().name(),
                reason == DropReason.POLICY ? 429 : 503, 0, 0, 0, false));
    }

    @Override
    public Verdict onLog(Exchange exchange) {
        if (exchange.api() == null || exchange.meteredPerMessage()) {
            return Verdict.proceed();
        }
        sink.accept(record(exchange, exchange.startedAt(), UsageKind.CALL,
                exchange.outcome() == null ? Outcome.FAILED : exchange.outcome(), exchange.method(), exchange.status(),
                exchange.requestBytes(), exchange.responseBytes(), exchange.latencyMicros(), exchange.overage()));
        return Verdict.proceed();
    }

    /** A record of {@code exchange}: its API, consumer, path, request id and operation, with the measures given. */
    private UsageRecord record(Exchange exchange, Instant at, UsageKind kind, Outcome outcome, String method, int status,
                               long requestBytes, long responseBytes, long latencyMicros, boolean overage) {
        return new UsageRecord(
                UsageIds.next(),
                at,
                kind,
                exchange.api().id(),
                exchange.plan() == null ? null : exchange.plan().id(),
                exchange.application() == null ? null : exchange.application().applicationId(),
                exchange.application() == null ? null : exchange.application().organizationId(),
                exchange.subscription() == null ? null : exchange.subscription().id(),
                outcome,
                method,
                exchange.path(),
                status,
                requestBytes,
                responseBytes,
                latencyMicros,
                exchange.requestId(),
                config.gatewayNode(),
                overage,
                operation(exchange));
    }

    /** The REST operation's path template or the event channel's name, for the usage rollups. */
    private static String operation(Exchange exchange) {
        if (exchange.operation() != null) {
            return exchange.operation().path();
        }
        return exchange.channel() == null ? null : exchange.channel().name();
    }
}
