package io.gatehouse.gateway.policy.metering;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageIds;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.Verdict;

/**
 * Turns every routed call, accepted, rejected or failed, into one {@link UsageRecord} and hands it
 * to the {@link UsageSink} once the client has been served. Consumer fields stay null when the
 * call was rejected before the consumer was known.
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
    public Verdict onLog(Exchange exchange) {
        if (exchange.api() == null) {
            return Verdict.proceed();
        }
        sink.accept(new UsageRecord(
                UsageIds.next(),
                exchange.startedAt(),
                UsageKind.CALL,
                exchange.api().id(),
                exchange.plan() == null ? null : exchange.plan().id(),
                exchange.application() == null ? null : exchange.application().applicationId(),
                exchange.application() == null ? null : exchange.application().organizationId(),
                exchange.subscription() == null ? null : exchange.subscription().id(),
                exchange.outcome() == null ? Outcome.FAILED : exchange.outcome(),
                exchange.method(),
                exchange.path(),
                exchange.status(),
                exchange.requestBytes(),
                exchange.responseBytes(),
                exchange.latencyMicros(),
                exchange.requestId(),
                config.gatewayNode(),
                exchange.overage()));
        return Verdict.proceed();
    }
}
