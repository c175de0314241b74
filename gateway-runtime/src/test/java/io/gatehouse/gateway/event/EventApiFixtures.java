package io.gatehouse.gateway.event;

import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.api.event.EventApi;
import io.gatehouse.core.api.event.EventApiService;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.gateway.GatewayIntegrationSupport.Published;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Published EVENT APIs, made through the platform-core services. */
public record EventApiFixtures(ApplicationContext context) {

    /** Channel {@code lights/{lightId}/measured} (subscribe and publish) and {@code alerts} (subscribe only). */
    static final List<ChannelSpec> CHANNELS = List.of(
            new ChannelSpec("lights/measured", "lights/{lightId}/measured", null,
                    List.of(ChannelDirection.SUBSCRIBE, ChannelDirection.PUBLISH), null, null),
            new ChannelSpec("alerts", "alerts", null, List.of(ChannelDirection.SUBSCRIBE), null, null));

    /** A published EVENT API on the built-in source whose one API-key plan permits {@code permissions}. */
    public Published publish(Permission... permissions) {
        return publish(Map.of("kind", "BUILTIN", "retention", "P1D"), permissions);
    }

    /** A published EVENT API on {@code source} whose one API-key plan permits {@code permissions}. */
    public Published publish(Map<String, Object> source, Permission... permissions) {
        String name = "ev" + UUID.randomUUID().toString().substring(0, 8);
        EventApi created = context.getBean(EventApiService.class).create(
                new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.EVENT, null, null, null, null, null, null), CHANNELS, source);
        Plan plan = context.getBean(PlanService.class).create(created.api().getId(),
                new PlanSpec("Streams", PlanAuth.API_KEY, null, null, Approval.AUTO, List.of(permissions), null));
        return new Published(context.getBean(ApiService.class).changeState(created.api().getId(), ApiState.PUBLISHED), plan);
    }

    /** A published EVENT API with {@link #CHANNELS} and one plan as {@code plan} says. */
    public Published publish(PlanSpec plan) {
        String name = "ev" + UUID.randomUUID().toString().substring(0, 8);
        EventApi created = context.getBean(EventApiService.class).create(
                new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.EVENT, null, null, null, null, null, null), CHANNELS,
                Map.of("kind", "BUILTIN", "retention", "P1D"));
        Plan made = context.getBean(PlanService.class).create(created.api().getId(), plan);
        return new Published(context.getBean(ApiService.class).changeState(created.api().getId(), ApiState.PUBLISHED), made);
    }
}
