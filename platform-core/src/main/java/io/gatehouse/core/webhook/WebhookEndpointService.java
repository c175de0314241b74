package io.gatehouse.core.webhook;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelService;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionStatus;
import io.gatehouse.core.webhook.signature.WebhookSecrets;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, changes and removes the webhook endpoints of subscriptions. Callback URLs pass
 * {@link CallbackAddresses} (400 with pointer {@code /url} otherwise); each of the endpoint's
 * channels is a channel of the subscription's API that consumers may subscribe to, given by name or
 * address and stored by name (400 with pointer {@code /channels/i} otherwise). Endpoints are named by
 * subscription and id together, so an endpoint is never reached through another subscription.
 */
@Service
@Transactional
public class WebhookEndpointService {

    /** Endpoints one subscription may have. */
    public static final int MAX_PER_SUBSCRIPTION = 10;

    private final WebhookEndpointRepository endpoints;
    private final SubscriptionService subscriptions;
    private final PlanService plans;
    private final ApiService apis;
    private final ChannelService channels;
    private final CallbackAddresses callbacks;
    private final InputValidator validator;

    public WebhookEndpointService(WebhookEndpointRepository endpoints, SubscriptionService subscriptions, PlanService plans,
                                  ApiService apis, ChannelService channels, CallbackAddresses callbacks, InputValidator validator) {
        this.endpoints = endpoints;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.apis = apis;
        this.channels = channels;
        this.callbacks = callbacks;
        this.validator = validator;
    }

    public RegisteredWebhookEndpoint register(UUID subscriptionId, WebhookEndpointSpec spec) {
        Subscription subscription = subscriptions.get(subscriptionId);
        Api api = requireEventSubscription(subscription);
        Checked checked = validate(spec, api);
        if (endpoints.countBySubscriptionId(subscriptionId) >= MAX_PER_SUBSCRIPTION) {
            throw new ConflictException("a subscription has at most " + MAX_PER_SUBSCRIPTION + " webhook endpoints");
        }
        String secret = WebhookSecrets.generate();
        WebhookEndpoint endpoint = endpoints.saveAndFlush(WebhookEndpoint.register(subscriptionId, checked.url(),
                checked.channels(), secret));
        return new RegisteredWebhookEndpoint(endpoint, secret);
    }

    /** Replaces URL and channels; {@code status} enables or disables the endpoint when given. */
    public WebhookEndpoint update(UUID subscriptionId, UUID endpointId, WebhookEndpointSpec spec) {
        WebhookEndpoint endpoint = get(subscriptionId, endpointId);
        Checked checked = validate(spec, apiOf(subscriptions.get(subscriptionId)));
        endpoint.change(checked.url(), checked.channels());
        if (spec.status() == WebhookEndpointStatus.ENABLED && endpoint.getStatus() != WebhookEndpointStatus.ENABLED) {
            requireEventSubscription(subscriptions.get(subscriptionId));
            endpoint.enable();
        } else if (spec.status() == WebhookEndpointStatus.DISABLED && endpoint.getStatus() != WebhookEndpointStatus.DISABLED) {
            endpoint.disable("disabled by a developer");
        }
        return endpoints.saveAndFlush(endpoint);
    }

    public void delete(UUID subscriptionId, UUID endpointId) {
        endpoints.delete(get(subscriptionId, endpointId));
    }

    @Transactional(readOnly = true)
    public WebhookEndpoint get(UUID subscriptionId, UUID endpointId) {
        return endpoints.findByIdAndSubscriptionId(endpointId, subscriptionId)
                .orElseThrow(() -> new NotFoundException("webhook endpoint", endpointId));
    }

    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list(UUID subscriptionId) {
        subscriptions.get(subscriptionId);
        return endpoints.findBySubscriptionIdOrderByCreatedAt(subscriptionId);
    }

    private Checked validate(WebhookEndpointSpec spec, Api api) {
        URI url = null;
        List<FieldProblem> problems = new ArrayList<>();
        if (spec != null && spec.url() != null && !spec.url().isBlank()) {
            try {
                url = callbacks.check(spec.url());
            } catch (CallbackRefusedException e) {
                problems.add(new FieldProblem("/url", e.getMessage()));
            }
        }
        List<String> names = spec == null || spec.channels() == null ? List.of() : channelNames(spec.channels(), api, problems);
        validator.check(spec, problems);
        return new Checked(url, names);
    }

    private List<String> channelNames(List<String> given, Api api, List<FieldProblem> problems) {
        List<Channel> declared = api.getType() == ApiType.EVENT ? channels.list(api.getId()) : List.of();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String reference = given.get(i);
            if (reference == null || !reference.matches("\\S+")) {
                continue; // the spec's own constraints answer for it
            }
            Channel channel = declared.stream()
                    .filter(c -> c.getName().equals(reference) || c.getAddress().equals(reference))
                    .findFirst().orElse(null);
            if (channel == null) {
                problems.add(new FieldProblem("/channels/" + i, "'" + reference + "' is not a channel of API '" + api.getName()
                        + "'; its channels are listed at /api/v1/apis/" + api.getId() + "/channels"));
            } else if (!channel.allows(ChannelDirection.SUBSCRIBE)) {
                problems.add(new FieldProblem("/channels/" + i, "channel '" + channel.getName()
                        + "' does not offer its events to consumers"));
            } else {
                names.add(channel.getName());
            }
        }
        return names;
    }

    private Api requireEventSubscription(Subscription subscription) {
        if (!SubscriptionStatus.LIVE.contains(subscription.getStatus())) {
            throw new ConflictException("the subscription is " + subscription.getStatus() + "; it takes no webhooks");
        }
        Plan plan = plans.get(subscription.getPlanId());
        Api api = apis.get(plan.getApiId());
        if (api.getType() != ApiType.EVENT) {
            throw new ConflictException("webhooks deliver events, and " + api.getName() + " is a REST API");
        }
        if (!plan.getPermissions().contains(PlanSpec.Permission.SUBSCRIBE.name())) {
            throw new ConflictException("the plan " + plan.getName() + " does not permit subscribing to events");
        }
        return api;
    }

    private Api apiOf(Subscription subscription) {
        return apis.get(plans.get(subscription.getPlanId()).getApiId());
    }

    private record Checked(URI url, List<String> channels) {
    }
}
