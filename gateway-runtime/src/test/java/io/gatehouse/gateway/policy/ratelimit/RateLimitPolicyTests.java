package io.gatehouse.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.plan.RateLimits;
import io.gatehouse.core.subscription.SubscriptionSpec;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTests extends GatewayIntegrationSupport {

    @Test
    void callsOverTheLimitAre429WithRateLimitHeadersAndRetryAfter() {
        Published api = publish(new RateLimit(3, "PT1H"));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> ok = get(api.context() + "/echo", caller.apiKey());
            String remaining = "\"1h\";r=" + (3 - i) + ";t=\\d+";
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=3;w=3600");
            assertThat(ok.headers().firstValue("RateLimit")).hasValueSatisfying(
                    value -> assertThat(value).matches(remaining));
        }

        HttpResponse<String> limited = get(api.context() + "/echo", caller.apiKey());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.body()).contains("https://gatehouse.dev/problems/quota-exceeded", "\\\"1h\\\"");
        assertThat(limited.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=3;w=3600");
        assertThat(limited.headers().firstValue("RateLimit")).hasValueSatisfying(
                value -> assertThat(value).matches("\"1h\";r=0;t=\\d+"));
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(3500L, 3600L));
    }

    @Test
    void namesTheMostConstrainingWindow() {
        Published api = publish(new RateLimit(100, "PT1H"), new RateLimit(2, "PT1M"));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        HttpResponse<String> first = get(api.context() + "/echo", caller.apiKey());

        assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=100;w=3600, \"1m\";q=2;w=60");
        assertThat(first.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"1m\";r=1;"));
        get(api.context() + "/echo", caller.apiKey());
        HttpResponse<String> limited = get(api.context() + "/echo", caller.apiKey());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("2 calls per 1m");
    }

    @Test
    void aSnapshotRebuildKeepsTheCounters() {
        Published api = publish(new RateLimit(2, "PT1H"));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();
        get(api.context() + "/echo", caller.apiKey());
        get(api.context() + "/echo", caller.apiKey());

        subscribe(publish());
        awaitServingCurrentRegistry();

        assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(429);
    }

    @Test
    void aBurstAddsCapacityOnTopOfTheLimit() {
        Published api = publish(new RateLimit(2, "PT1H", 3L));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> ok = get(api.context() + "/echo", caller.apiKey());
            assertThat(ok.statusCode()).as("call %d", i).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=2;w=3600;burst=3");
        }
        HttpResponse<String> limited = get(api.context() + "/echo", caller.apiKey());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"1h\";r=0;"));
    }

    @Test
    void anApplicationLimitHoldsAcrossAllItsSubscriptions() {
        Published first = publish(new RateLimit(100, "PT1H"));
        Published second = publish(new RateLimit(100, "PT1H"));
        String name = "org-" + UUID.randomUUID().toString().substring(0, 8);
        Organization organization = organizationService.create(new OrganizationSpec(name));
        Application application = applicationService.create(organization.getId(),
                new ApplicationSpec(name + "-app", List.of(new RateLimit(3, "PT1H"))));
        String key = apiKeyService.issue(application.getId(), new ApiKeySpec("ci", null)).plaintext();
        subscriptionService.subscribe(new SubscriptionSpec(application.getId(), first.plan().getId()));
        subscriptionService.subscribe(new SubscriptionSpec(application.getId(), second.plan().getId()));
        awaitServingCurrentRegistry();

        assertThat(get(first.context() + "/echo", key).statusCode()).isEqualTo(200);
        assertThat(get(second.context() + "/echo", key).statusCode()).isEqualTo(200);
        HttpResponse<String> third = get(first.context() + "/echo", key);
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(third.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=100;w=3600, \"app-1h\";q=3;w=3600");
        assertThat(third.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"app-1h\";r=0;"));

        HttpResponse<String> limited = get(second.context() + "/echo", key);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Application rate limit exceeded", "\\\"app-1h\\\"");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        Caller stranger = subscribe(first);
        awaitServingCurrentRegistry();
        assertThat(get(first.context() + "/echo", stranger.apiKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void backendProtectionHoldsAcrossApplicationsAndIsSpentOnlyByCallsWithinTheirOwnLimits() {
        Published api = publish(new RateLimit(2, "PT1H"));
        planService.protectBackend(api.api().getId(), new RateLimits(List.of(new RateLimit(3, "PT1H"))));
        Caller greedy = subscribe(api);
        Caller other = subscribe(api);
        awaitServingCurrentRegistry();

        assertThat(get(api.context() + "/echo", greedy.apiKey()).statusCode()).isEqualTo(200);
        assertThat(get(api.context() + "/echo", greedy.apiKey()).statusCode()).isEqualTo(200);
        HttpResponse<String> ownLimit = get(api.context() + "/echo", greedy.apiKey());
        assertThat(ownLimit.statusCode()).isEqualTo(429);
        assertThat(ownLimit.body()).contains("\\\"1h\\\"").doesNotContain("api-1h\\\"");

        HttpResponse<String> lastShared = get(api.context() + "/echo", other.apiKey());
        assertThat(lastShared.statusCode()).isEqualTo(200);
        assertThat(lastShared.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=2;w=3600, \"api-1h\";q=3;w=3600");
        assertThat(lastShared.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"api-1h\";r=0;"));

        HttpResponse<String> shielded = get(api.context() + "/echo", other.apiKey());
        assertThat(shielded.statusCode()).isEqualTo(429);
        assertThat(shielded.body()).contains("all consumers together", "\\\"api-1h\\\"");
    }

    @Test
    void aChangedApplicationLimitTakesEffect() {
        Published api = publish();
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();
        assertThat(get(api.context() + "/echo", caller.apiKey()).headers().firstValue("RateLimit-Policy")).isEmpty();

        applicationService.changeRateLimits(caller.application().getId(), new RateLimits(List.of(new RateLimit(1, "PT1M"))));
        awaitServingCurrentRegistry();

        HttpResponse<String> ok = get(api.context() + "/echo", caller.apiKey());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"app-1m\";q=1;w=60");
        assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(429);
    }
}
