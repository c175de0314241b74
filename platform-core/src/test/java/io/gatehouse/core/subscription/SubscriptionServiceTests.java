package io.gatehouse.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CoreTest
class SubscriptionServiceTests {

    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    ApiService apis;
    @Autowired
    PlanService plans;
    @Autowired
    OrganizationService organizations;
    @Autowired
    ApplicationService applications;

    @Test
    void eachActionOnlyFromItsStates() {
        UUID id = subscriptions.subscribe(spec(Approval.MANUAL)).getId();
        assertThat(subscriptions.get(id).getStatus()).isEqualTo(SubscriptionStatus.PENDING);
        assertThatThrownBy(() -> subscriptions.apply(id, SubscriptionAction.RESUME)).isInstanceOf(ConflictException.class);

        assertThat(subscriptions.apply(id, SubscriptionAction.APPROVE).getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscriptions.apply(id, SubscriptionAction.SUSPEND).getStatus()).isEqualTo(SubscriptionStatus.SUSPENDED);
        assertThatThrownBy(() -> subscriptions.apply(id, SubscriptionAction.APPROVE)).isInstanceOf(ConflictException.class);
        assertThat(subscriptions.apply(id, SubscriptionAction.RESUME).getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscriptions.apply(id, SubscriptionAction.CANCEL).getStatus()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThatThrownBy(() -> subscriptions.apply(id, SubscriptionAction.RESUME)).isInstanceOf(ConflictException.class);
    }

    @Test
    void bindsFromItsFirstActivationUntilItsCancellation() {
        UUID manual = subscriptions.subscribe(spec(Approval.MANUAL)).getId();
        assertThat(subscriptions.get(manual).getStartedAt()).isNull();
        subscriptions.apply(manual, SubscriptionAction.APPROVE);
        Subscription approved = subscriptions.get(manual);
        assertThat(approved.getStartedAt()).isNotNull();
        subscriptions.apply(manual, SubscriptionAction.SUSPEND);
        subscriptions.apply(manual, SubscriptionAction.RESUME);
        Subscription resumed = subscriptions.get(manual);
        assertThat(resumed.getStartedAt()).isEqualTo(approved.getStartedAt());
        assertThat(resumed.getEndedAt()).isNull();
        assertThat(subscriptions.apply(manual, SubscriptionAction.CANCEL).getEndedAt()).isNotNull();

        Subscription automatic = subscriptions.get(subscriptions.subscribe(spec(Approval.AUTO)).getId());
        assertThat(automatic.getStartedAt()).isEqualTo(automatic.getCreatedAt());
    }

    @Test
    void oneLiveSubscriptionPerApplicationAndPlan() {
        SubscriptionSpec spec = spec(Approval.AUTO);
        UUID first = subscriptions.subscribe(spec).getId();
        assertThatThrownBy(() -> subscriptions.subscribe(spec)).isInstanceOf(ConflictException.class);

        subscriptions.apply(first, SubscriptionAction.CANCEL);
        assertThat(subscriptions.subscribe(spec).getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    private SubscriptionSpec spec(Approval approval) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        UUID apiId = apis.create(new ApiSpec("Subs", "v1", "/subs-" + unique + "/v1", ApiType.REST, "http://127.0.0.1:1", null, null, null, null, null)).getId();
        UUID planId = plans.create(apiId, new PlanSpec("Gold", PlanAuth.API_KEY, null, null, approval, null, null)).getId();
        apis.changeState(apiId, ApiState.PUBLISHED);
        UUID orgId = organizations.create(new OrganizationSpec("Subs " + unique)).getId();
        return new SubscriptionSpec(applications.create(orgId, new ApplicationSpec("app")).getId(), planId);
    }
}
