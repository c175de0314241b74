package io.gatehouse.gateway;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.credential.ApiKeyService;
import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionSpec;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Registry fixtures made through the platform-core services of a context built by the test itself. */
public record RegistryFixtures(ApplicationContext context) {

    /** A published API with one key plan, and the plaintext key of a subscribed application. */
    public record Served(Api api, String apiKey) {
        public String context() {
            return api.getContext();
        }
    }

    public Served publishAndSubscribe(String upstreamUrl) {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        ApiService apis = context.getBean(ApiService.class);
        Api api = apis.create(new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.REST, upstreamUrl, null, null, null, null, null));
        Plan plan = context.getBean(PlanService.class).create(api.getId(),
                new PlanSpec("Gold", PlanAuth.API_KEY, List.of(), null, Approval.AUTO, null, null));
        apis.changeState(api.getId(), ApiState.PUBLISHED);
        Organization organization = context.getBean(OrganizationService.class).create(new OrganizationSpec("org-" + name));
        Application application = context.getBean(ApplicationService.class)
                .create(organization.getId(), new ApplicationSpec(name + "-app"));
        String key = context.getBean(ApiKeyService.class).issue(application.getId(), new ApiKeySpec("ci", null)).plaintext();
        context.getBean(SubscriptionService.class).subscribe(new SubscriptionSpec(application.getId(), plan.getId()));
        return new Served(api, key);
    }
}
