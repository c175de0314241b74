package io.gatehouse.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class JournaledUsageSinkRetryTests extends GatewayIntegrationSupport {

    @TempDir
    Path journalDir;

    @Test
    void keepsRecordsAndRetriesWhileTheDatabaseFails() {
        AtomicInteger outagesLeft = new AtomicInteger(3);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GatewayProperties properties = new GatewayProperties(0, "127.0.0.1", Duration.ofSeconds(1), Duration.ofSeconds(1),
                "retry-node", Duration.ofSeconds(5), Duration.ofMillis(50), 2, Duration.ofSeconds(1),
                GatewayProperties.Usage.defaults().withJournalDir(journalDir), journalDir.resolve("snapshot.json"), 0);
        JournaledUsageSink sink = new JournaledUsageSink(new PostgresUsageStore(new JdbcTemplate(failing(dataSource, outagesLeft))), properties, meters);
        UUID apiId = UUID.randomUUID();

        long start = System.nanoTime();
        sink.start();
        try {
            for (int i = 0; i < 5; i++) {
                sink.accept(new UsageRecord(UUID.randomUUID(), Instant.now(), UsageKind.CALL, apiId, null, null, null, null,
                        Outcome.ACCEPTED, "GET", "/r/v1", 200, 0, 0, 1, "req-" + i, "retry-node"));
            }
            sink.flush();
        } finally {
            sink.stop();
        }

        assertThat(jdbc.queryForObject("select count(*) from usage_record where api_id = ?", Long.class, apiId)).isEqualTo(5);
        assertThat(outagesLeft.get()).isNegative();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("backoff 200 + 400 + 800 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        assertThat(meters.counter("gatehouse.usage.failures").count()).isEqualTo(3);
        assertThat(meters.counter("gatehouse.usage.written").count()).isEqualTo(5);
        assertThat(sink.queued()).isZero();
    }

    private static DataSource failing(DataSource real, AtomicInteger outagesLeft) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && outagesLeft.getAndDecrement() > 0) {
                        throw new SQLException("database unreachable (simulated)", "08001");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
