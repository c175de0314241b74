package io.gatehouse.gateway.policy;

import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.LiveSubscription;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.problem.ProblemType;
import java.util.function.Predicate;

/**
 * The "authorize subscription" step that every authentication policy ends with: once a credential
 * has named an application, admit the call on that application's {@code ACTIVE} subscription to one
 * of the API's plans the policy serves, or refuse with 403 saying why.
 */
public final class SubscriptionCheck {

    private SubscriptionCheck() {
    }

    /**
     * @param eligible  which of the API's plans this credential may open
     * @param planKind  how refusals name those plans, e.g. "a key plan"
     */
    public static Verdict admit(Exchange exchange, GatewaySnapshot snapshot, ServedApi api, Consumer application,
                                Predicate<ServedPlan> eligible, String planKind) {
        exchange.identify(application);
        LiveSubscription subscription = snapshot.subscription(application.applicationId(), api, eligible).orElse(null);
        if (subscription == null) {
            return Verdict.reject(ProblemType.NO_SUBSCRIPTION.withDetail("Application '" + application.name()
                    + "' has no subscription to " + planKind + " of API '" + api.name() + "'."));
        }
        return switch (subscription.status()) {
            case ACTIVE -> {
                exchange.admit(api.plans().get(subscription.planId()), subscription);
                yield Verdict.proceed();
            }
            case PENDING -> forbidden("The subscription of application '" + application.name()
                    + "' to API '" + api.name() + "' is waiting for approval.");
            case SUSPENDED -> forbidden("The subscription of application '" + application.name()
                    + "' to API '" + api.name() + "' is suspended.");
            default -> Verdict.reject(ProblemType.NO_SUBSCRIPTION.withDetail("Application '" + application.name()
                    + "' has no active subscription to API '" + api.name() + "'."));
        };
    }

    private static Verdict forbidden(String detail) {
        return Verdict.reject(ProblemType.FORBIDDEN.withDetail(detail));
    }
}
