package io.gatehouse.gateway.policy;

import io.gatehouse.gateway.problem.Problem;
import java.util.concurrent.CompletionStage;

/**
 * What a policy decides in one phase. The {@link PolicyChain} acts on it:
 * <ul>
 * <li>{@link Proceed}: run the next policy; after the last, the gateway goes on (proxy, deliver, respond).</li>
 * <li>{@link Reject}: stop the chain and answer the client with the problem instead (the Envoy
 *     {@code sendLocalReply}). Headers the policy put in {@code Exchange.responseHeaders()} go with it.
 *     In {@link Phase#LOG} a rejection means nothing and the chain goes on.</li>
 * <li>{@link Drop}: only in {@link Phase#MESSAGE}: stop the chain and silently discard this one event;
 *     the stream goes on. Returned in any other phase it is a programming error.</li>
 * <li>{@link Pending}: the decision needs remote state (Redis, an introspection endpoint). The chain
 *     suspends and resumes with the next policy when the stage completes with {@link Proceed}, or
 *     stops with whatever else it completes with. A stage that completes exceptionally fails the call.</li>
 * </ul>
 * {@link #proceed()} and {@link #drop()} are shared instances, so the synchronous path allocates nothing.
 */
public sealed interface Verdict {

    static Verdict proceed() {
        return Proceed.INSTANCE;
    }

    static Verdict reject(Problem problem) {
        return new Reject(problem);
    }

    static Verdict drop() {
        return Drop.INSTANCE;
    }

    static Verdict pending(CompletionStage<Verdict> decision) {
        return new Pending(decision);
    }

    /** Go on with the next policy. */
    enum Proceed implements Verdict { INSTANCE }

    /** Discard the current message; the subscription stays open. */
    enum Drop implements Verdict { INSTANCE }

    /** Stop and answer with {@code problem}. */
    record Reject(Problem problem) implements Verdict {
        public Reject {
            if (problem == null) {
                throw new IllegalArgumentException("a rejection needs a problem");
            }
        }
    }

    /** Decide later, when {@code decision} completes. */
    record Pending(CompletionStage<Verdict> decision) implements Verdict {
        public Pending {
            if (decision == null) {
                throw new IllegalArgumentException("a pending verdict needs a stage");
            }
        }
    }
}
