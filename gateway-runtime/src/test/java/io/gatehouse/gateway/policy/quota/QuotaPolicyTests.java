package io.gatehouse.gateway.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.Quota;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

class QuotaPolicyTests extends GatewayIntegrationSupport {

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock clock() {
            return new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        }
    }

    @Autowired
    MutableClock clock;

    @Test
    void blockAnswers429UntilTheDayEndsThenLetsCallsThroughAgain() {
        clock.set(Instant.parse("2026-11-27T23:59:50Z"));
        Published api = publishWithQuota(new Quota(2, Quota.Period.DAY, Quota.OnExceed.BLOCK));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        HttpResponse<String> first = get(api.context() + "/echo", caller.apiKey());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"quota-day\";q=2;w=86400");
        assertThat(first.headers().firstValue("RateLimit")).hasValue("\"quota-day\";r=1;t=10");
        assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(200);

        HttpResponse<String> blocked = get(api.context() + "/echo", caller.apiKey());
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(blocked.body()).contains("https://gatehouse.dev/problems/quota-exceeded", "quota-day",
                "resets at 2026-11-28T00:00:00Z");

        clock.set(Instant.parse("2026-11-28T00:00:01Z"));
        HttpResponse<String> nextDay = get(api.context() + "/echo", caller.apiKey());
        assertThat(nextDay.statusCode()).isEqualTo(200);
        assertThat(nextDay.headers().firstValue("RateLimit")).hasValueSatisfying(v -> assertThat(v).startsWith("\"quota-day\";r=1;"));
    }

    @Test
    void billLetsCallsThroughAndMarksThoseOverTheQuotaAsOverage() {
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        Published api = publishWithQuota(new Quota(1, Quota.Period.MONTH, Quota.OnExceed.BILL));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        for (int i = 0; i < 3; i++) {
            assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select overage, count(*) as calls from usage_record where subscription_id = ? group by overage order by overage",
                caller.subscription().getId())).containsExactly(
                Map.of("overage", false, "calls", 1L), Map.of("overage", true, "calls", 2L)));
    }

    @Test
    void concurrentCallsAreCountedExactly() {
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        Published api = publishWithQuota(new Quota(20, Quota.Period.MONTH, Quota.OnExceed.BLOCK));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 50)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(gateway(api.context() + "/echo"))
                        .timeout(Duration.ofSeconds(60)).header("X-API-Key", caller.apiKey()).GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        Map<Integer, Long> byStatus = calls.stream().map(CompletableFuture::join)
                .collect(java.util.stream.Collectors.groupingBy(HttpResponse::statusCode, java.util.stream.Collectors.counting()));

        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 20L, 429, 30L));
        assertThat(jdbc.queryForObject("select used from quota_counter where subscription_id = ?", Long.class,
                caller.subscription().getId())).isEqualTo(20L);
    }

    @Test
    void bodiesWaitForTheQuotaDecisionAndARefusedOneLeavesTheConnectionUsable() throws Exception {
        Published api = publishWithQuota(new Quota(1, Quota.Period.MONTH, Quota.OnExceed.BLOCK));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();
        String body = "{\"pet\":\"" + "x".repeat(20_000) + "\"}";

        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", gatewayServer.port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            String post = "POST " + api.context() + "/echo HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + caller.apiKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

            out.write(post.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith(body);

            out.write(post.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 429").contains("quota-exceeded");

            out.write(("GET " + api.context() + "/echo HTTP/1.1\r\nHost: gw\r\nX-API-Key: " + caller.apiKey() + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readResponse(in)).as("the same connection serves the next call").startsWith("HTTP/1.1 429");
        }
    }

    /** One HTTP/1.1 response, its body framed by Content-Length or chunked, read off the stream. */
    private static String readResponse(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        boolean chunked = false;
        for (String line : head.toString().split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (!chunked) {
            return head + new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            int size = Integer.parseInt(readLine(in).strip(), 16);
            if (size == 0) {
                readLine(in);
                return head + body.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
            body.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(java.io.InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private Published publishWithQuota(Quota quota) {
        String name = "q" + UUID.randomUUID().toString().substring(0, 8);
        Api api = apiService.create(new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.REST, upstream.url(), null, null, null, null, null));
        Plan plan = planService.create(api.getId(), new PlanSpec("Metered", PlanAuth.API_KEY, List.of(), quota, Approval.AUTO, null, null));
        apiService.changeState(api.getId(), ApiState.PUBLISHED);
        return new Published(api, plan);
    }
}
