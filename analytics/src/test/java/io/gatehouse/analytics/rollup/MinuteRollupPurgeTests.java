package io.gatehouse.analytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.analytics.Ledger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Purging minute rollups deletes the minutes before the cutoff from both minute tables and nothing else;
 * from then on, folds and rebuilds keep every hour and day exact without writing those minutes again.
 */
@AnalyticsTest
class MinuteRollupPurgeTests {

    static final Instant START = Instant.parse("2026-11-01T20:00:00Z");
    static final Instant CUTOFF = Instant.parse("2026-11-02T00:00:00Z");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    RollupFolder folder;

    @Autowired
    MinuteRollupPurge purge;

    @Autowired
    MinuteRetention minutes;

    @Autowired
    RollupRebuildService rebuild;

    @Autowired
    LatencyBuckets buckets;

    @Autowired
    UsageLedgerProperties properties;

    List<RawRecord> records;

    @BeforeEach
    void eightHoursAcrossMidnight() {
        ledger.clear();
        records = RawRecord.generate(new Random(3), 3_000, START, 8);
        insert(records);
        folder.foldNow();
    }

    @Test
    void aPurgeDeletesOnlyTheMinutesBeforeTheCutoffFromBothMinuteTables() {
        Map<String, Map<String, Measures>> hoursAndDays = hoursAndDays();
        long oldMinutes = jdbc.queryForObject("""
                select (select count(*) from usage_rollup_minute where bucket_start < ?)
                     + (select count(*) from usage_rollup_api_minute where bucket_start < ?)""", Long.class,
                RollupSource.timestamp(CUTOFF), RollupSource.timestamp(CUTOFF));

        long deleted = purge.purgeBefore(CUTOFF, 100);

        assertThat(oldMinutes).as("minute rows before the cutoff, both tables").isGreaterThan(1_000);
        assertThat(deleted).isEqualTo(oldMinutes);
        assertMinutesFromTheCutoffOnly(records);
        assertThat(hoursAndDays()).isEqualTo(hoursAndDays);
        assertThat(minutes.keptFrom()).isEqualTo(CUTOFF);
        assertThat(purge.purgeBefore(CUTOFF.minusSeconds(86_400))).isZero();
        assertThat(minutes.keptFrom()).as("never moved back").isEqualTo(CUTOFF);
    }

    @Test
    void aLateRecordBeforeTheCutoffCountsInItsHourAndDayButWritesNoMinute() {
        purge.purgeBefore(CUTOFF);
        List<RawRecord> late = RawRecord.generate(new Random(4), 300, START, 8);
        insert(late);
        folder.foldNow();

        List<RawRecord> all = new ArrayList<>(records);
        all.addAll(late);
        assertThat(hoursAndDays()).isEqualTo(expectedHoursAndDays(all));
        assertMinutesFromTheCutoffOnly(all);
    }

    @Test
    void aRebuildOfDaysBeforeTheCutoffDoesNotBringTheirMinutesBack() {
        purge.purgeBefore(CUTOFF);
        jdbc.update("update usage_rollup_day set count = count + 1");

        rebuild.rebuild(START, CUTOFF.plusSeconds(3_600));

        assertThat(hoursAndDays()).isEqualTo(expectedHoursAndDays(records));
        assertMinutesFromTheCutoffOnly(records);
    }

    @Test
    void theConfiguredRetentionCutsAtAUtcMidnight() {
        Instant before = Grain.DAY.floor(Instant.now().minus(properties.minuteRollupRetention()));
        purge.purgeNow();
        Instant after = Grain.DAY.floor(Instant.now().minus(properties.minuteRollupRetention()));

        assertThat(minutes.keptFrom()).isIn(before, after);
        assertThatThrownBy(() -> purge.purgeBefore(CUTOFF.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertMinutesFromTheCutoffOnly(List<RawRecord> written) {
        List<RawRecord> kept = written.stream().filter(r -> !r.occurredAt().isBefore(CUTOFF)).toList();
        for (boolean perApi : new boolean[] {false, true}) {
            assertThat(Measures.read(jdbc, Grain.MINUTE, perApi)).as(Grain.MINUTE.table(perApi))
                    .isEqualTo(Measures.expected(kept, Grain.MINUTE, buckets.bounds(), perApi));
        }
    }

    private Map<String, Map<String, Measures>> hoursAndDays() {
        Map<String, Map<String, Measures>> tables = new HashMap<>();
        for (Grain grain : new Grain[] {Grain.HOUR, Grain.DAY}) {
            for (boolean perApi : new boolean[] {false, true}) {
                tables.put(grain.table(perApi), Measures.read(jdbc, grain, perApi));
            }
        }
        return tables;
    }

    private Map<String, Map<String, Measures>> expectedHoursAndDays(List<RawRecord> written) {
        Map<String, Map<String, Measures>> tables = new HashMap<>();
        for (Grain grain : new Grain[] {Grain.HOUR, Grain.DAY}) {
            for (boolean perApi : new boolean[] {false, true}) {
                tables.put(grain.table(perApi), Measures.expected(written, grain, buckets.bounds(), perApi));
            }
        }
        return tables;
    }

    private void insert(List<RawRecord> written) {
        for (int from = 0; from < written.size(); from += 500) {
            RawRecord.insert(jdbc, written.subList(from, Math.min(written.size(), from + 500)));
        }
    }
}
