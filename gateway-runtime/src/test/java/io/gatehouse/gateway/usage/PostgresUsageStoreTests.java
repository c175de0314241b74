package io.gatehouse.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Usage records reach {@code usage_record} once each: a batch goes straight in, and a batch holding records
 * already stored (or the same record twice) stores only the ones that are new, whichever writer gets there first.
 */
class PostgresUsageStoreTests extends GatewayIntegrationSupport {

    private final UUID apiId = UUID.randomUUID();

    @Test
    void storesABatchWithEveryField() {
        PostgresUsageStore store = new PostgresUsageStore(jdbc);
        UsageRecord full = new UsageRecord(UUID.randomUUID(), Instant.parse("2026-11-27T10:15:30.123456Z"), UsageKind.EVENT,
                apiId, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Outcome.REJECTED, "DELIVER",
                "/streets/\"1\"", 429, 12, 3456, 789, "req-é", "node-1", true, "lighting/measured");

        store.store(List.of(full, record(1)));

        Map<String, Object> row = jdbc.queryForMap("select * from usage_record where id = ?", full.id());
        assertThat(row).containsEntry("kind", "EVENT").containsEntry("api_id", apiId).containsEntry("plan_id", full.planId())
                .containsEntry("subscription_id", full.subscriptionId()).containsEntry("outcome", "REJECTED")
                .containsEntry("billable", full.billable()).containsEntry("method", "DELIVER").containsEntry("path", "/streets/\"1\"")
                .containsEntry("status", 429).containsEntry("request_bytes", 12L).containsEntry("response_bytes", 3456L)
                .containsEntry("latency_micros", 789L).containsEntry("request_id", "req-é").containsEntry("gateway_node", "node-1")
                .containsEntry("overage", true).containsEntry("operation", "lighting/measured");
        assertThat(((Timestamp) row.get("occurred_at")).toInstant()).isEqualTo(full.occurredAt());
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void aBatchWithRecordsAlreadyStoredAddsOnlyTheNewOnesAndLeavesTheOthersAsTheyWere() {
        PostgresUsageStore store = new PostgresUsageStore(jdbc);
        List<UsageRecord> first = IntStream.range(0, 50).mapToObj(this::record).toList();
        store.store(first);
        String firstTransaction = jdbc.queryForObject(
                "select min(ingest_xid::text) || '/' || max(ingest_xid::text) from usage_record where api_id = ?", String.class, apiId);

        List<UsageRecord> again = new ArrayList<>(first.subList(20, 50));
        again.addAll(IntStream.range(50, 80).mapToObj(this::record).toList());
        again.add(again.getFirst()); // the same record twice in one batch
        store.store(again);

        assertThat(stored()).isEqualTo(80);
        assertThat(jdbc.queryForObject("select count(distinct id) from usage_record where api_id = ?", Long.class, apiId)).isEqualTo(80);
        assertThat(jdbc.queryForObject("select min(ingest_xid::text) || '/' || max(ingest_xid::text) from usage_record "
                + "where api_id = ? and request_id < 'req-050'", String.class, apiId)).isEqualTo(firstTransaction);
    }

    @Test
    void writersStoringOverlappingBatchesAtOnceStoreEachRecordOnce() throws Exception {
        PostgresUsageStore store = new PostgresUsageStore(jdbc);
        List<UsageRecord> records = IntStream.range(0, 2_000).mapToObj(this::record).toList();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Random random = new Random(w);
                done.add(writers.submit(() -> {
                    List<UsageRecord> mine = new ArrayList<>(records);
                    Collections.shuffle(mine, random);
                    for (int from = 0; from < mine.size(); from += 250) {
                        store.store(mine.subList(from, from + 250));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }

        assertThat(stored()).isEqualTo(2_000);
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from usage_record where api_id = ?", Long.class, apiId);
    }

    private UsageRecord record(int i) {
        return new UsageRecord(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UsageKind.CALL, apiId, null, null,
                null, null, Outcome.ACCEPTED, "GET", "/b/v1", 200, 0, 0, 1, "req-%03d".formatted(i), "store-node");
    }
}
