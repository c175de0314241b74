package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.api.operation.ApiOperationService;
import io.gatehouse.core.api.operation.OperationMethod;
import io.gatehouse.core.api.operation.OperationSpec;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class JournaledUsageSinkTests extends GatewayIntegrationSupport {

    @Autowired
    JournaledUsageSink sink;

    @Autowired
    ApiOperationService operations;

    @Test
    void storesOneRowPerCallDistinguishingAcceptedFromRejected() {
        Published api = publish(new RateLimit(2, "PT1H"));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        assertThat(get(api.context() + "/echo/a?x=1", caller.apiKey()).statusCode()).isEqualTo(200);
        assertThat(get(api.context() + "/echo/b", caller.apiKey()).statusCode()).isEqualTo(200);
        assertThat(get(api.context() + "/echo/c", caller.apiKey()).statusCode()).isEqualTo(429);
        assertThat(get(api.context() + "/echo/d", null).statusCode()).isEqualTo(401);
        assertThat(get("/nobody-published/v9/echo", caller.apiKey()).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            sink.flush();
            assertThat(rows(api.api().getId())).hasSize(4);
        });
        List<Map<String, Object>> rows = rows(api.api().getId());
        assertThat(rows).extracting(r -> r.get("outcome"))
                .containsExactlyInAnyOrder("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED");
        assertThat(rows).filteredOn(r -> r.get("outcome").equals("ACCEPTED")).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo(200);
            assertThat(row.get("billable")).isEqualTo(true);
            assertThat(row.get("kind")).isEqualTo("CALL");
            assertThat(row.get("method")).isEqualTo("GET");
            assertThat(row.get("plan_id")).isEqualTo(api.plan().getId());
            assertThat(row.get("application_id")).isEqualTo(caller.application().getId());
            assertThat(row.get("organization_id")).isEqualTo(caller.organization().getId());
            assertThat(row.get("subscription_id")).isEqualTo(caller.subscription().getId());
            assertThat((Long) row.get("latency_micros")).isPositive();
            assertThat((String) row.get("request_id")).isNotBlank();
            assertThat((String) row.get("gateway_node")).isNotBlank();
        });
        assertThat(rows).filteredOn(r -> Integer.valueOf(429).equals(r.get("status"))).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("billable")).isEqualTo(false);
                    assertThat(row.get("application_id")).isEqualTo(caller.application().getId());
                });
        assertThat(rows).filteredOn(r -> Integer.valueOf(401).equals(r.get("status"))).singleElement()
                .satisfies(row -> {
                    assertThat(row.get("application_id")).isNull();
                    assertThat(row.get("plan_id")).isNull();
                    assertThat((Long) row.get("response_bytes")).isPositive();
                });
        assertThat(rows).extracting(r -> r.get("path")).contains(api.context() + "/echo/a");
        assertThat(jdbc.queryForObject("select count(*) from usage_record where path like '/nobody-published/%'", Long.class))
                .isZero();
    }

    @Test
    void theSameRecordAcceptedTwiceIsStoredOnce() {
        UUID apiId = UUID.randomUUID();
        UsageRecord record = new UsageRecord(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                UsageKind.CALL, apiId, null, null, null, null, Outcome.ACCEPTED, "GET", "/x/v1", 200, 10, 20, 300,
                "req-1", "node-a");

        sink.accept(record);
        sink.accept(record);
        sink.flush();
        sink.accept(record);
        sink.flush();

        assertThat(rows(apiId)).singleElement().satisfies(row -> {
            assertThat(row.get("id")).isEqualTo(record.id());
            assertThat(row.get("request_bytes")).isEqualTo(10L);
            assertThat(row.get("response_bytes")).isEqualTo(20L);
            assertThat(row.get("latency_micros")).isEqualTo(300L);
            assertThat(row.get("gateway_node")).isEqualTo("node-a");
        });
        assertThat(sink.queued()).isZero();
    }

    @Test
    void textWithTabsBackslashesNewlinesQuotesAndNonAsciiIsStoredAndJournaledExactly() {
        UUID apiId = UUID.randomUUID();
        String path = "/x/v1/a\tb\\c\nd\re\"f\u0001g/caf\u00e9/\ud83d\ude00/\\N";
        UsageRecord record = new UsageRecord(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                UsageKind.CALL, apiId, null, null, null, null, Outcome.ACCEPTED, "GET", path, 200, 1, 2, 3,
                "req-\t-\\", null);

        assertThat(UsageLines.decode(new String(UsageLines.encode(record), java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(record);
        sink.accept(record);
        sink.flush();

        assertThat(rows(apiId)).singleElement().satisfies(row -> {
            assertThat(row.get("path")).isEqualTo(path);
            assertThat(row.get("request_id")).isEqualTo("req-\t-\\");
            assertThat(row.get("gateway_node")).isNull();
            assertThat(row.get("plan_id")).isNull();
            assertThat(((java.sql.Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(record.occurredAt());
        });
    }

    @Test
    void aCallRecordsTheOperationItMatched() {
        Published api = publish(new RateLimit(100, "PT1H"));
        Caller caller = subscribe(api);
        operations.declare(api.api().getId(), new OperationSpec(OperationMethod.GET, "/echo/pets/{petId}", null, null, List.of()));
        awaitServingCurrentRegistry();

        assertThat(get(api.context() + "/echo/pets/7", caller.apiKey()).statusCode()).isEqualTo(200);
        assertThat(get(api.context() + "/echo/other", caller.apiKey()).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            sink.flush();
            assertThat(rows(api.api().getId())).hasSize(2);
        });
        assertThat(jdbc.queryForList("select path, coalesce(operation, '-') as operation from usage_record where api_id = ? order by path",
                api.api().getId())).containsExactly(
                Map.of("path", api.context() + "/echo/other", "operation", "-"),
                Map.of("path", api.context() + "/echo/pets/7", "operation", "/echo/pets/{petId}"));
        fold();
        assertThat(jdbc.queryForList("select coalesce(operation, '-') as operation, count from usage_rollup_minute where api_id = ? order by operation",
                api.api().getId())).containsExactly(
                Map.of("operation", "-", "count", 1L),
                Map.of("operation", "/echo/pets/{petId}", "count", 1L));
    }

    @Test
    void rollupsCountEveryRecordOnceHoweverOftenItIsWritten() {
        UUID apiId = UUID.randomUUID();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(new UsageRecord(UUID.randomUUID(), minute.plusMillis(i), UsageKind.CALL, apiId, null, null, null,
                    null, i % 4 == 0 ? Outcome.REJECTED : Outcome.ACCEPTED, "GET", "/x/v1/" + i, i % 4 == 0 ? 429 : 200,
                    10, 100, 1_000 + i, "req-" + i, "node-a", false, "/{n}"));
        }
        records.forEach(sink::accept);
        records.subList(0, 20).forEach(sink::accept);
        sink.flush();
        fold();
        records.forEach(sink::accept);
        sink.flush();
        fold();

        assertThat(rows(apiId)).hasSize(40);
        for (String grain : List.of("minute", "hour", "day")) {
            List<Map<String, Object>> rollup = jdbc.queryForList("select billable, status_class, count, request_bytes, "
                    + "response_bytes, latency_micros_sum from usage_rollup_" + grain + " where api_id = ? order by billable", apiId);
            assertThat(rollup).as(grain).containsExactly(
                    Map.of("billable", false, "status_class", 4, "count", 10L, "request_bytes", 100L,
                            "response_bytes", 1_000L, "latency_micros_sum", 10_180L),
                    Map.of("billable", true, "status_class", 2, "count", 30L, "request_bytes", 300L,
                            "response_bytes", 3_000L, "latency_micros_sum", 30_600L));
        }
    }

    /** What the control plane does every second: folds the stored records into the rollups. */
    private void fold() {
        while (jdbc.queryForObject("select usage_rollup_fold()", Long.class) > 0) {
            // until nothing is left
        }
    }

    private List<Map<String, Object>> rows(UUID apiId) {
        return jdbc.queryForList("select * from usage_record where api_id = ?", apiId);
    }
}
