package io.gatehouse.core.webhook;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionSpec;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Published APIs and subscriptions to them, made through the platform-core services of a context. */
public record WebhookFixtures(ApplicationContext context) {

    /** The channels of the event APIs made here, all for consumers to subscribe to. */
    public static final List<String> CHANNELS = List.of("lights/measured", "lights/dimmed", "a", "b", "c");

    /** A published API and its one open plan. */
    public record Published(Api api, Plan plan) {
    }

    public Published publishEventApi() {
        return publish(ApiType.EVENT);
    }

    public Published publish(ApiType type) {
        String name = "wh" + UUID.randomUUID().toString().substring(0, 8);
        ApiService apis = context.getBean(ApiService.class);
        ApiSpec spec = new ApiSpec(name, "v1", "/" + name + "/v1", type,
                type == ApiType.REST ? "http://127.0.0.1:1" : null, null, null, null, null, null);
        Api api = type == ApiType.REST ? apis.create(spec) : context.getBean(EventApiService.class)
                .create(spec, CHANNELS.stream().map(ChannelSpec::of).toList(), null).api();
        Plan plan = context.getBean(PlanService.class).create(api.getId(),
                new PlanSpec("Gold", PlanAuth.API_KEY, null, null, Approval.AUTO, null, null));
        return new Published(apis.changeState(api.getId(), ApiState.PUBLISHED), plan);
    }

    /** A new organization's application, subscribed (ACTIVE) to the plan. */
    public Subscription subscribe(Published published) {
        String name = "org-" + UUID.randomUUID().toString().substring(0, 8);
        UUID organizationId = context.getBean(OrganizationService.class).create(new OrganizationSpec(name)).getId();
        UUID applicationId = context.getBean(ApplicationService.class).create(organizationId, new ApplicationSpec(name + "-app")).getId();
        return context.getBean(SubscriptionService.class).subscribe(new SubscriptionSpec(applicationId, published.plan().getId()));
    }

    public Subscription subscribeToNewEventApi() {
        return subscribe(publishEventApi());
    }
}
