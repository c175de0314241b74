package io.gatehouse.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class UsageJournalTests extends GatewayIntegrationSupport {

    @TempDir
    Path journalDir;

    @Test
    void recordsAcceptedWhileTheDatabaseIsDownSurviveTheProcessAndAreStoredOnceByTheNext() throws IOException {
        UUID apiId = UUID.randomUUID();
        JournaledUsageSink crashed = sink(new JdbcTemplate(unreachable()), GatewayProperties.FsyncPolicy.INTERVAL);
        crashed.start();
        for (int i = 0; i < 25; i++) {
            crashed.accept(record(apiId, "req-" + i));
        }
        List<Path> segments = segments();
        assertThat(segments).hasSize(1);
        Path copy = journalDir.resolve("copy.bak");
        Files.copy(segments.getFirst(), copy);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JournaledUsageSink next = new JournaledUsageSink(new PostgresUsageStore(jdbc), properties(GatewayProperties.FsyncPolicy.ALWAYS), meters);
        next.start();
        try {
            next.accept(record(apiId, "req-after-restart"));
            next.flush();
        } finally {
            next.stop();
        }
        assertThat(count(apiId)).isEqualTo(26);
        assertThat(meters.counter("gatehouse.usage.journal.replayed").count()).isEqualTo(25);
        assertThat(segments()).isEmpty();

        Files.move(copy, journalDir.resolve("segment-00000000000000000001.jsonl"));
        JournaledUsageSink again = sink(jdbc, GatewayProperties.FsyncPolicy.INTERVAL);
        again.start();
        again.flush();
        again.stop();
        assertThat(count(apiId)).as("a replayed segment counts nothing twice").isEqualTo(26);
        assertThat(segments()).isEmpty();
    }

    @Test
    void journalLinesTolerateFieldsAddedOrMissingAndATornTail() throws IOException {
        UsageRecord record = record(UUID.randomUUID(), "req-x");
        String line = new String(UsageLines.encode(record)).strip();
        assertThat(UsageLines.decode(line)).isEqualTo(record);
        assertThat(UsageLines.decode(line.replace("{", "{\"overage\":true,"))).isEqualTo(record);
        assertThat(UsageLines.decode(line.replace("\"responseBytes\":0,", "")).responseBytes()).isZero();

        Path segment = journalDir.resolve("segment-00000000000000000007.jsonl");
        Files.writeString(segment, line + "\n" + line.substring(0, line.length() / 2));
        assertThat(UsageJournal.read(segment)).containsExactly(record);
    }

    private JournaledUsageSink sink(JdbcTemplate template, GatewayProperties.FsyncPolicy fsync) {
        return new JournaledUsageSink(new PostgresUsageStore(template), properties(fsync), new SimpleMeterRegistry());
    }

    private GatewayProperties properties(GatewayProperties.FsyncPolicy fsync) {
        return new GatewayProperties(0, "127.0.0.1", Duration.ofSeconds(1), Duration.ofSeconds(1), "journal-node",
                Duration.ofSeconds(5), Duration.ofMillis(50), 10, Duration.ofSeconds(1),
                new GatewayProperties.Usage(journalDir, fsync, Duration.ofMillis(50), 1 << 20), journalDir.resolve("snapshot.json"), 0);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(journalDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    private long count(UUID apiId) {
        return jdbc.queryForObject("select count(*) from usage_record where api_id = ?", Long.class, apiId);
    }

    private static UsageRecord record(UUID apiId, String requestId) {
        return new UsageRecord(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UsageKind.CALL, apiId,
                null, null, null, null, Outcome.ACCEPTED, "GET", "/j/v1", 200, 0, 0, 1, requestId, "journal-node");
    }

    private static DataSource unreachable() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    throw new SQLException("database unreachable (simulated)", "08001");
                });
    }
}
