package io.gatehouse.console.security;

import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.subscription.SubscriptionService;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What a developer may see, for {@code @PreAuthorize} expressions as {@code @tenancy}: their own
 * organization's applications, keys and subscriptions, and the published catalog. An id that does not
 * exist is never the caller's, so a developer gets 403 for unknown and foreign resources alike and
 * learns nothing about other organizations.
 */
@Component("tenancy")
public class Tenancy {

    private final ApplicationService applications;
    private final SubscriptionService subscriptions;
    private final ApiService apis;

    public Tenancy(ApplicationService applications, SubscriptionService subscriptions, ApiService apis) {
        this.applications = applications;
        this.subscriptions = subscriptions;
        this.apis = apis;
    }

    public boolean isOwnOrganization(Authentication caller, UUID organizationId) {
        UUID own = organizationOf(caller);
        return own != null && own.equals(organizationId);
    }

    public boolean ownsApplication(Authentication caller, UUID applicationId) {
        return applicationId != null && organizationOf(caller) != null
                && exists(() -> isOwnOrganization(caller, applications.get(applicationId).getOrganizationId()));
    }

    public boolean ownsSubscription(Authentication caller, UUID subscriptionId) {
        return subscriptionId != null && organizationOf(caller) != null
                && exists(() -> ownsApplication(caller, subscriptions.get(subscriptionId).getApplicationId()));
    }

    /** Whether the API is in the published catalog (published or deprecated). */
    public boolean inCatalog(UUID apiId) {
        return apiId != null && exists(() -> apis.get(apiId).getState().served());
    }

    private static boolean exists(Supplier<Boolean> check) {
        try {
            return check.get();
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The caller comes from the expression's root: the Vaadin app swaps the static context holder's strategy. */
    private static UUID organizationOf(Authentication caller) {
        return caller != null && caller.getPrincipal() instanceof ConsoleUserDetails user ? user.organizationId() : null;
    }
}
