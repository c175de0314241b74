package io.gatehouse.gateway.policy;

import io.gatehouse.gateway.exchange.Exchange;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered policies of one API, built once per config snapshot. {@link #run} calls each policy's
 * method for the phase in order and acts on its {@link Verdict}: the first rejection (or, for
 * messages, drop) stops the chain and is returned; a pending verdict suspends the chain and the
 * returned {@link Verdict.Pending} completes with the verdict of the rest of the chain. When every
 * policy proceeds synchronously the chain allocates nothing.
 */
public final class PolicyChain {

    private static final Logger log = LoggerFactory.getLogger(PolicyChain.class);

    private final Policy[] policies;

    public PolicyChain(List<? extends Policy> policies) {
        this.policies = policies.toArray(Policy[]::new);
    }

    public List<Policy> policies() {
        return List.of(policies);
    }

    public Verdict run(Phase phase, Exchange exchange) {
        if (phase == Phase.MESSAGE) {
            throw new IllegalArgumentException("messages go through onMessage(exchange, message)");
        }
        return run(phase, exchange, null, 0);
    }

    public Verdict onMessage(Exchange exchange, Message message) {
        return run(Phase.MESSAGE, exchange, message, 0);
    }

    /** Tells every policy that {@code message} was dropped; one that fails is logged and the others still run. */
    public void dropped(Exchange exchange, Message message, DropReason reason) {
        for (Policy policy : policies) {
            try {
                policy.onMessageDropped(exchange, message, reason);
            } catch (RuntimeException e) {
                log.warn("Policy {} failed while observing a dropped event of request {}", policy.name(), exchange.requestId(), e);
            }
        }
    }

    private Verdict run(Phase phase, Exchange exchange, Message message, int from) {
        for (int i = from; i < policies.length; i++) {
            Verdict verdict = invoke(policies[i], phase, exchange, message);
            switch (verdict) {
                case Verdict.Proceed proceed -> {
                }
                case Verdict.Reject reject -> {
                    if (phase != Phase.LOG) {
                        return reject;
                    }
                }
                case Verdict.Drop drop -> {
                    if (phase != Phase.MESSAGE) {
                        throw new IllegalStateException(policies[i].name() + " dropped in phase " + phase);
                    }
                    return drop;
                }
                case Verdict.Pending pending -> {
                    int next = i + 1;
                    return Verdict.pending(pending.decision()
                            .thenCompose(decided -> resume(decided, phase, exchange, message, next)));
                }
            }
        }
        return Verdict.proceed();
    }

    private CompletionStage<Verdict> resume(Verdict decided, Phase phase, Exchange exchange, Message message, int next) {
        return switch (decided) {
            case Verdict.Proceed proceed -> settle(run(phase, exchange, message, next));
            case Verdict.Pending pending -> pending.decision()
                    .thenCompose(again -> resume(again, phase, exchange, message, next));
            case Verdict.Reject reject when phase == Phase.LOG -> settle(run(phase, exchange, message, next));
            default -> CompletableFuture.completedStage(decided);
        };
    }

    private static CompletionStage<Verdict> settle(Verdict verdict) {
        return verdict instanceof Verdict.Pending pending ? pending.decision() : CompletableFuture.completedStage(verdict);
    }

    private static Verdict invoke(Policy policy, Phase phase, Exchange exchange, Message message) {
        if (phase == Phase.LOG) {
            try {
                return policy.onLog(exchange);
            } catch (RuntimeException e) {
                log.warn("Policy {} failed while logging request {}", policy.name(), exchange.requestId(), e);
                return Verdict.proceed();
            }
        }
        Verdict verdict = switch (phase) {
            case REQUEST -> policy.onRequest(exchange);
            case RESPONSE -> policy.onResponse(exchange);
            case SUBSCRIBE -> policy.onSubscribe(exchange);
            case MESSAGE -> policy.onMessage(exchange, message);
            case LOG -> throw new AssertionError();
        };
        if (verdict == null) {
            throw new IllegalStateException(policy.name() + " returned no verdict in phase " + phase);
        }
        return verdict;
    }
}
