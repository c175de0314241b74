package io.gatehouse.gateway.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.server.GatewayServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gateways as separate Spring contexts in this JVM, each with its own server, buckets and Redis
 * client, sharing the registry database of the test context and the machine's Redis.
 */
@ExtendWith(RedisRequired.class)
class DistributedRateLimitTests extends GatewayIntegrationSupport {


    @Test
    void twoGatewaysSharingRedisHoldOneLimitTogether() {
        Published api = publish(new RateLimit(4, "PT1H"));
        Caller caller = subscribe(api);
        try (ConfigurableApplicationContext one = gateway(RedisRequired.URI, "open");
             ConfigurableApplicationContext two = gateway(RedisRequired.URI, "open")) {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> ok = call(i % 2 == 0 ? one : two, api, caller);
                assertThat(ok.statusCode()).as("call %d", i + 1).isEqualTo(200);
                String left = "\"1h\";r=" + (3 - i) + ";";
                assertThat(ok.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith(left));
            }

            assertThat(call(one, api, caller).statusCode()).isEqualTo(429);
            HttpResponse<String> limited = call(two, api, caller);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(available(one)).isEqualTo(1.0);
            assertThat(available(two)).isEqualTo(1.0);
        }
    }

    @Test
    void withRedisUnreachableAGatewayFailsOpenToLocalLimitsAndSaysSoInItsMetrics() {
        Published api = publish(new RateLimit(2, "PT1H"));
        Caller caller = subscribe(api);
        try (ConfigurableApplicationContext gateway = gateway("redis://127.0.0.1:" + closedPort(), "open")) {
            assertThat(call(gateway, api, caller).statusCode()).isEqualTo(200);
            assertThat(call(gateway, api, caller).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = call(gateway, api, caller);

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("RateLimit-Policy")).hasValue("\"1h\";q=2;w=3600");
            assertThat(available(gateway)).isEqualTo(0.0);
            assertThat(gateway.getBean(MeterRegistry.class).get(RateLimitBuckets.FAILURES).counter().count()).isPositive();
        }
    }

    @Test
    void aGatewayGoesBackToRedisWhenItAnswersAgain() {
        Published api = publish(new RateLimit(1000, "PT1H"));
        Caller caller = subscribe(api);
        try (TcpRelay relay = new TcpRelay(RedisRequired.HOST, RedisRequired.PORT).start();
             ConfigurableApplicationContext gateway = gateway("redis://127.0.0.1:" + relay.port(), "open")) {
            assertThat(call(gateway, api, caller).statusCode()).isEqualTo(200);
            assertThat(available(gateway)).isEqualTo(1.0);

            relay.cut();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                assertThat(call(gateway, api, caller).statusCode()).isEqualTo(200);
                assertThat(available(gateway)).isEqualTo(0.0);
            });

            relay.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(call(gateway, api, caller).statusCode()).isEqualTo(200);
                assertThat(available(gateway)).isEqualTo(1.0);
            });
        }
    }

    @Test
    void withRedisUnreachableAGatewaySetToFailClosedAnswers503() {
        Published api = publish(new RateLimit(2, "PT1H"));
        Caller caller = subscribe(api);
        try (ConfigurableApplicationContext gateway = gateway("redis://127.0.0.1:" + closedPort(), "closed")) {
            HttpResponse<String> refused = call(gateway, api, caller);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("https://gatehouse.dev/problems/service-unavailable");
            assertThat(available(gateway)).isEqualTo(0.0);
        }
    }

    private ConfigurableApplicationContext gateway(String redisUri, String onStoreFailure) {
        return gatewayNode("gatehouse.gateway.ratelimit.store=redis", "gatehouse.gateway.ratelimit.redis-uri=" + redisUri,
                "gatehouse.gateway.ratelimit.on-store-failure=" + onStoreFailure);
    }

    private static HttpResponse<String> call(ConfigurableApplicationContext gateway, Published api, Caller caller) {
        int port = gateway.getBean(GatewayServer.class).port();
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + api.context() + "/echo"))
                .timeout(Duration.ofSeconds(30)).header("X-API-Key", caller.apiKey()).GET().build());
    }

    private static double available(ConfigurableApplicationContext gateway) {
        return gateway.getBean(MeterRegistry.class).get(RateLimitBuckets.AVAILABLE).gauge().value();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
