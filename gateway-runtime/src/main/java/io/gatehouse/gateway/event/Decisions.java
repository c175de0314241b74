package io.gatehouse.gateway.event;

import io.gatehouse.gateway.policy.Verdict;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/** Acts on a chain's verdict on the caller's event loop, now or, for a pending one, once it is decided. */
public final class Decisions {

    private Decisions() {
    }

    public static void whenDecided(Verdict verdict, Consumer<Verdict> then, Consumer<Throwable> failed) {
        if (!(verdict instanceof Verdict.Pending pending)) {
            then.accept(verdict);
            return;
        }
        Context context = Vertx.currentContext();
        pending.decision().whenComplete((decided, error) -> context.runOnContext(ignored -> {
            if (error != null) {
                failed.accept(error);
            } else {
                then.accept(decided);
            }
        }));
    }
}
