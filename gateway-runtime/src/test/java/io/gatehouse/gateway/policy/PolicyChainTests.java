package io.gatehouse.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.problem.ProblemType;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PolicyChainTests {

    private final List<String> calls = new ArrayList<>();
    private final Exchange exchange = new Exchange("req-1", "GET", "/a/v1/x", null, MultiMap.caseInsensitiveMultiMap(), null);

    @Test
    void runsEveryPolicyInOrderWhenAllProceed() {
        PolicyChain chain = new PolicyChain(List.of(policy("a", e -> Verdict.proceed()), policy("b", e -> Verdict.proceed())));

        assertThat(chain.run(Phase.REQUEST, exchange)).isSameAs(Verdict.proceed());
        assertThat(calls).containsExactly("a", "b");
    }

    @Test
    void theFirstRejectionStopsTheChain() {
        Verdict rejection = Verdict.reject(ProblemType.UNAUTHORIZED.withDetail("no key"));
        PolicyChain chain = new PolicyChain(List.of(policy("auth", e -> rejection),
                policy("limit", e -> Verdict.reject(ProblemType.QUOTA_EXCEEDED.withDetail("x"))),
                policy("meter", e -> Verdict.proceed())));

        assertThat(chain.run(Phase.REQUEST, exchange)).isSameAs(rejection);
        assertThat(calls).containsExactly("auth");
    }

    @Test
    void aPendingVerdictResumesWithTheNextPolicyWhenItCompletes() {
        CompletableFuture<Verdict> remote = new CompletableFuture<>();
        PolicyChain chain = new PolicyChain(List.of(policy("a", e -> Verdict.proceed()),
                policy("remote", e -> Verdict.pending(remote)), policy("c", e -> Verdict.proceed())));

        Verdict verdict = chain.run(Phase.REQUEST, exchange);

        assertThat(verdict).isInstanceOf(Verdict.Pending.class);
        assertThat(calls).containsExactly("a", "remote");
        remote.complete(Verdict.proceed());
        assertThat(((Verdict.Pending) verdict).decision().toCompletableFuture().join()).isSameAs(Verdict.proceed());
        assertThat(calls).containsExactly("a", "remote", "c");
    }

    @Test
    void aPendingRejectionStopsTheChainWhenItCompletes() {
        CompletableFuture<Verdict> remote = new CompletableFuture<>();
        Verdict rejection = Verdict.reject(ProblemType.QUOTA_EXCEEDED.withDetail("over"));
        PolicyChain chain = new PolicyChain(List.of(policy("remote", e -> Verdict.pending(remote)),
                policy("c", e -> Verdict.proceed())));

        Verdict verdict = chain.run(Phase.REQUEST, exchange);
        remote.complete(rejection);

        assertThat(((Verdict.Pending) verdict).decision().toCompletableFuture().join()).isSameAs(rejection);
        assertThat(calls).containsExactly("remote");
    }

    @Test
    void pendingVerdictsCanFollowEachOther() {
        PolicyChain chain = new PolicyChain(List.of(
                policy("one", e -> Verdict.pending(CompletableFuture.supplyAsync(Verdict::proceed))),
                policy("two", e -> Verdict.pending(CompletableFuture.completedFuture(
                        Verdict.pending(CompletableFuture.supplyAsync(Verdict::proceed))))),
                policy("three", e -> Verdict.proceed())));

        Verdict verdict = chain.run(Phase.REQUEST, exchange);

        assertThat(((Verdict.Pending) verdict).decision().toCompletableFuture().join()).isSameAs(Verdict.proceed());
        assertThat(calls).containsExactly("one", "two", "three");
    }

    @Test
    void theLogPhaseRunsEveryPolicyEvenAfterARejectionOrAFailure() {
        PolicyChain chain = new PolicyChain(List.of(
                logPolicy("a", () -> Verdict.reject(ProblemType.FORBIDDEN.withDetail("ignored"))),
                logPolicy("b", () -> {
                    throw new IllegalStateException("boom");
                }),
                logPolicy("c", Verdict::proceed)));

        assertThat(chain.run(Phase.LOG, exchange)).isSameAs(Verdict.proceed());
        assertThat(calls).containsExactly("a", "b", "c");
    }

    @Test
    void aMessageCanBeDroppedButARequestCannot() {
        Policy dropper = new Policy() {
            @Override
            public String name() {
                return "dropper";
            }

            @Override
            public Verdict onMessage(Exchange exchange, Message message) {
                return Verdict.drop();
            }

            @Override
            public Verdict onRequest(Exchange exchange) {
                return Verdict.drop();
            }
        };
        PolicyChain chain = new PolicyChain(List.of(dropper));

        assertThat(chain.onMessage(exchange, new Message(Message.Direction.DELIVER, "lights/measured", "1", null)))
                .isSameAs(Verdict.drop());
        assertThatThrownBy(() -> chain.run(Phase.REQUEST, exchange)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void phasesAPolicyDoesNotImplementProceed() {
        PolicyChain chain = new PolicyChain(List.of(policy("request-only", e -> Verdict.reject(
                ProblemType.FORBIDDEN.withDetail("no")))));

        assertThat(chain.run(Phase.RESPONSE, exchange)).isSameAs(Verdict.proceed());
        assertThat(chain.run(Phase.SUBSCRIBE, exchange)).isSameAs(Verdict.proceed());
        assertThat(calls).isEmpty();
    }

    private Policy policy(String name, Function<Exchange, Verdict> onRequest) {
        return new Policy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict onRequest(Exchange exchange) {
                calls.add(name);
                return onRequest.apply(exchange);
            }
        };
    }

    private Policy logPolicy(String name, java.util.function.Supplier<Verdict> onLog) {
        return new Policy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict onLog(Exchange exchange) {
                calls.add(name);
                return onLog.get();
            }
        };
    }
}
