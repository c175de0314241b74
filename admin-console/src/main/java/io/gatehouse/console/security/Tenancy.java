package io.gatehouse.console.security;

import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.subscription.SubscriptionService;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

    public boolean isOwnOrganization(UUID organizationId) {
        UUID own = callerOrganization();
        return own != null && own.equals(organizationId);
    }

    public boolean ownsApplication(UUID applicationId) {
        return applicationId != null && callerOrganization() != null
                && exists(() -> isOwnOrganization(applications.get(applicationId).getOrganizationId()));
    }

    public boolean ownsSubscription(UUID subscriptionId) {
        return subscriptionId != null && callerOrganization() != null
                && exists(() -> ownsApplication(subscriptions.get(subscriptionId).getApplicationId()));
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

    private static UUID callerOrganization() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsoleUserDetails user
                ? user.organizationId() : null;
    }
}
