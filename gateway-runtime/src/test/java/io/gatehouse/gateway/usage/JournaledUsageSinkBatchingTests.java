package io.gatehouse.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under a steady stream of records the writer stores full batches, not a trickle of one small transaction per arrival. */
class JournaledUsageSinkBatchingTests extends GatewayIntegrationSupport {

    @TempDir
    Path journalDir;

    @Test
    void recordsArrivingWhileABatchIsStoredWaitForAFullBatchOrAFlush() throws Exception {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        PostgresUsageStore postgres = new PostgresUsageStore(jdbc);
        UsageStore recording = records -> {
            batches.add(records.size());
            postgres.store(records);
        };
        GatewayProperties properties = new GatewayProperties(0, "127.0.0.1", Duration.ofSeconds(1), Duration.ofSeconds(1),
                "batching-node", Duration.ofSeconds(5), Duration.ofHours(1), 100, Duration.ofSeconds(1),
                GatewayProperties.Usage.defaults().withJournalDir(journalDir), journalDir.resolve("snapshot.json"), 0);
        JournaledUsageSink sink = new JournaledUsageSink(recording, properties, new SimpleMeterRegistry());
        UUID apiId = UUID.randomUUID();

        sink.start();
        try {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> done = new CopyOnWriteArrayList<>();
                for (int c = 0; c < 4; c++) {
                    done.add(callers.submit(() -> {
                        for (int i = 0; i < 520; i++) {
                            sink.accept(record(apiId, i));
                            if (i % 20 == 0) {
                                Thread.sleep(5);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(batches).as("batches stored before any flush").isNotEmpty().allMatch(size -> size == 100);

            sink.flush();
        } finally {
            sink.stop();
        }

        assertThat(batches.subList(0, batches.size() - 1)).allMatch(size -> size == 100);
        assertThat(batches.getLast()).isEqualTo(2_080 % 100);
        assertThat(jdbc.queryForObject("select count(*) from usage_record where api_id = ?", Long.class, apiId))
                .isEqualTo(2_080);
    }

    private static UsageRecord record(UUID apiId, int i) {
        return new UsageRecord(UUID.randomUUID(), Instant.now(), UsageKind.CALL, apiId, null, null, null, null,
                Outcome.ACCEPTED, "GET", "/b/v1", 200, 0, 0, 1, "req-" + i, "batching-node");
    }
}
