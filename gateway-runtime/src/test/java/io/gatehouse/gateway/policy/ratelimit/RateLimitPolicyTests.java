package io.gatehouse.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.net.http.HttpResponse;
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
}
