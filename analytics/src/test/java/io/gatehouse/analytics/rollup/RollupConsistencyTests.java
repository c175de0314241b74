package io.gatehouse.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.analytics.Ledger;
import io.gatehouse.core.error.InvalidInputException;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The rollups kept by folding equal both the rollups rebuilt from the raw records and the sums computed
 * here from the distinct records, whatever the duplicates, the batching, the concurrent writers, the
 * folds in between and the late records.
 */
@AnalyticsTest
class RollupConsistencyTests {

    static final Instant START = Instant.parse("2026-11-01T22:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Ledger ledger;

    @Autowired
    RollupRebuildService rebuild;

    @Autowired
    RawUsagePurge purge;

    @Autowired
    LatencyBuckets buckets;

    @Autowired
    RollupFolder folder;

    @BeforeEach
    void emptyLedger() {
        ledger.clear();
    }

    @Test
    void incrementalRollupsEqualTheRebuildAndTheDistinctRecords() throws Exception {
        Random random = new Random(42);
        List<RawRecord> distinct = RawRecord.generate(random, 4_000, START, 30);
        List<RawRecord> written = new ArrayList<>(distinct);
        for (int i = 0; i < 1_500; i++) {
            written.add(distinct.get(random.nextInt(distinct.size())));
        }
        Collections.shuffle(written, random);
        List<RawRecord> late = RawRecord.generate(random, 300, START.minus(2, ChronoUnit.DAYS), 24);

        writeConcurrently(written.subList(0, 3_000), 3, 97);
        folder.foldNow();
        writeConcurrently(written.subList(3_000, written.size()), 3, 97);
        writeConcurrently(late, 2, 41);
        folder.foldNow();
        writeConcurrently(late.subList(0, 100), 1, 30);
        writeConcurrently(distinct.subList(0, 500), 2, 50);
        folder.foldNow();
        List<RawRecord> all = new ArrayList<>(distinct);
        all.addAll(late);

        assertThat(jdbc.queryForObject("select count(*) from usage_record", Long.class)).isEqualTo(all.size());
        Map<String, Map<String, Measures>> incremental = new HashMap<>();
        for (Grain grain : Grain.values()) {
            for (boolean perApi : new boolean[] {false, true}) {
                Map<String, Measures> stored = Measures.read(jdbc, grain, perApi);
                assertThat(stored).as("%s against the distinct records", grain.table(perApi))
                        .isEqualTo(Measures.expected(all, grain, buckets.bounds(), perApi));
                incremental.put(grain.table(perApi), stored);
            }
        }

        jdbc.update("delete from usage_rollup_minute");
        jdbc.update("update usage_rollup_hour set count = count + 1");
        jdbc.update("delete from usage_rollup_day where kind = 'EVENT'");
        jdbc.update("delete from usage_rollup_api_hour where status_class = 2");

        RollupRebuildService.Rebuilt rebuilt = rebuild.rebuild(START.minus(2, ChronoUnit.DAYS), START.plus(40, ChronoUnit.HOURS));

        assertThat(rebuilt.days()).isEqualTo(5);
        for (Grain grain : Grain.values()) {
            for (boolean perApi : new boolean[] {false, true}) {
                assertThat(Measures.read(jdbc, grain, perApi)).as("%s, rebuilt", grain.table(perApi))
                        .isEqualTo(incremental.get(grain.table(perApi)));
            }
        }
    }

    @Test
    void aPurgeKeepsTheRollupsRefusesOlderRecordsAndBlocksEarlierRebuilds() {
        List<RawRecord> records = RawRecord.generate(new Random(7), 200, START, 60);
        writeConcurrently(records, 1, 50);
        folder.foldNow();
        Map<String, Measures> days = Measures.read(jdbc, Grain.DAY);
        Instant cutoff = Instant.parse("2026-11-02T00:00:00Z");
        long before = records.stream().filter(r -> r.occurredAt().isBefore(cutoff)).count();

        assertThat(purge.purgeBefore(cutoff)).isEqualTo(before);
        writeConcurrently(records, 1, 50);
        folder.foldNow();

        assertThat(jdbc.queryForObject("select count(*) from usage_record where occurred_at >= ?", Long.class,
                java.sql.Timestamp.from(cutoff))).isEqualTo(records.size() - before);
        assertThat(Measures.read(jdbc, Grain.DAY)).isEqualTo(days);
        assertThat(rebuild.rawKeptFrom()).isEqualTo(cutoff);
        assertThatThrownBy(() -> rebuild.rebuild(START, cutoff.plusSeconds(1))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("purged");
        rebuild.rebuild(cutoff, cutoff.plusSeconds(1));
        assertThat(Measures.read(jdbc, Grain.DAY)).isEqualTo(days);
    }

    @Test
    void aTransactionStillOpenHoldsBackOnlyItsOwnRecords() throws Exception {
        List<RawRecord> slow = RawRecord.generate(new Random(11), 30, START, 1);
        List<RawRecord> fast = RawRecord.generate(new Random(12), 70, START, 1);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            RawRecord.insert(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), slow);
            writeConcurrently(fast, 1, 10);
            folder.foldNow();

            assertThat(Measures.read(jdbc, Grain.DAY)).isEqualTo(Measures.expected(fast, Grain.DAY, buckets.bounds(), false));
            connection.commit();
        }
        folder.foldNow();

        List<RawRecord> all = new ArrayList<>(fast);
        all.addAll(slow);
        assertThat(Measures.read(jdbc, Grain.DAY)).isEqualTo(Measures.expected(all, Grain.DAY, buckets.bounds(), false));
    }

    @Test
    void aFoldReadsOnlyThePendingRecordsNotTheWholeLedger() throws Exception {
        // a ledger that grew fivefold since its statistics were taken, as one does under load between two
        // automatic analyses, and a fold of 3,000 records on a session of its own
        Random random = new Random(7);
        writeConcurrently(RawRecord.generate(random, 20_000, START, 60), 2, 1_000);
        jdbc.execute("analyze usage_record");
        writeConcurrently(RawRecord.generate(random, 100_000, START.plus(1, ChronoUnit.HOURS), 60), 2, 1_000);
        folder.foldNow();
        writeConcurrently(RawRecord.generate(random, 3_000, START.plus(3, ChronoUnit.HOURS), 1), 2, 100);

        try (Connection session = dataSource.getConnection()) {
            JdbcTemplate fold = new JdbcTemplate(new SingleConnectionDataSource(session, true));
            session.setAutoCommit(false);
            long before = indexEntriesRead(fold);
            assertThat(fold.queryForObject("select usage_rollup_fold(500000)", Long.class)).isEqualTo(3_000);
            long read = indexEntriesRead(fold) - before;
            session.commit();
            session.setAutoCommit(true);

            assertThat(read).as("index entries read by a fold of 3,000 records").isLessThan(10_000);
        }
        assertThat(Measures.read(jdbc, Grain.DAY).values().stream().mapToLong(Measures::count).sum()).isEqualTo(123_000);
    }

    /**
     * Entries the session has read from usage_record's indexes and not yet reported: PostgreSQL reports a
     * session's counts at most once a second, so they may include earlier transactions' reads.
     */
    private static long indexEntriesRead(JdbcTemplate session) {
        return session.queryForObject("""
                select pg_stat_get_xact_tuples_returned('usage_record_ingest'::regclass)
                     + pg_stat_get_xact_tuples_returned('usage_record_time'::regclass)
                     + pg_stat_get_xact_tuples_returned('usage_record_pkey'::regclass)""", Long.class);
    }

    private void writeConcurrently(List<RawRecord> records, int writers, int batchSize) {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int from = writer * batchSize; from < records.size(); from += writers * batchSize) {
                        RawRecord.insert(jdbc, records.subList(from, Math.min(records.size(), from + batchSize)));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
