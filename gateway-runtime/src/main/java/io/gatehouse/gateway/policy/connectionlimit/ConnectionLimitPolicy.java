package io.gatehouse.gateway.policy.connectionlimit;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Limits how many streams (SSE and WebSocket together) one subscription holds open at once: the plan's
 * {@code streams.maxConnections}, counted per subscription (per plan for keyless callers) in
 * {@link ConnectionSlots}. Opening a stream takes a slot in the subscribe phase; the slot is given back
 * when the stream ends ({@link Exchange#whenDone}). Past the limit the stream is refused with 429
 * {@code too-many-connections} (a WebSocket is closed with 1013). Runs right after authentication, so
 * that a refused stream spends no rate limit or quota.
 */
public final class ConnectionLimitPolicy implements Policy {

    private final ConnectionSlots slots;

    public ConnectionLimitPolicy(ConnectionSlots slots) {
        this.slots = slots;
    }

    @Override
    public String name() {
        return "connection-limit";
    }

    @Override
    public Verdict onSubscribe(Exchange exchange) {
        ServedPlan plan = exchange.plan();
        Integer max = plan == null ? null : plan.streams().maxConnections();
        if (max == null) {
            return Verdict.proceed();
        }
        UUID subject = exchange.subscription() != null ? exchange.subscription().id() : plan.id();
        CompletableFuture<ConnectionSlots.Slot> taken = slots.acquire(subject, max).toCompletableFuture();
        if (!taken.isDone()) {
            return Verdict.pending(taken.thenApply(slot -> decide(exchange, plan, max, slot)));
        }
        return decide(exchange, plan, max, taken.join());
    }

    private static Verdict decide(Exchange exchange, ServedPlan plan, int max, ConnectionSlots.Slot slot) {
        if (slot == null) {
            String who = exchange.application() == null ? "Anonymous callers" : "Application '" + exchange.application().name() + "'";
            return Verdict.reject(ProblemType.TOO_MANY_CONNECTIONS.withDetail(who + " already hold" + (exchange.application() == null ? "" : "s")
                    + " " + max + " open stream" + (max == 1 ? "" : "s") + ", the most plan '" + plan.name() + "' allows; close one first."));
        }
        exchange.whenDone(slot::release);
        return Verdict.proceed();
    }
}
