package bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gatehouse.analytics.dashboard.DashboardFilter;
import io.gatehouse.analytics.dashboard.DashboardService;
import io.gatehouse.analytics.rollup.LatencyBuckets;
import io.gatehouse.analytics.rollup.RollupFolder;
import io.gatehouse.analytics.rollup.RollupRebuildService;
import io.gatehouse.analytics.rollup.UsageLedgerProperties;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageIds;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageRows;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The usage ledger's benchmark (bench/ledger.sh): how many usage records per second the gateways' writer
 * path ({@link UsageRows}: binary COPY into a staging table, {@code insert ... on conflict do nothing})
 * stores while the control plane folds them into the rollups ({@code usage_rollup_fold}), and how long
 * the dashboards' queries take over a month of rollups.
 *
 * <pre>
 * migrate &lt;jdbc-url&gt;
 * ingest  &lt;jdbc-url&gt; &lt;seconds&gt; &lt;writers&gt; &lt;batch&gt; &lt;fold: on|off&gt;
 * month   &lt;jdbc-url&gt; &lt;records&gt;
 * </pre>
 */
public final class LedgerBench {

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        try (HikariDataSource db = dataSource(url)) {
            switch (args[0]) {
                case "migrate" -> Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
                case "ingest" -> ingest(db, Duration.ofSeconds(Long.parseLong(args[2])), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), "on".equals(args[5]));
                case "month" -> month(db, Long.parseLong(args[2]));
                default -> throw new IllegalArgumentException("ingest, month or migrate, not " + args[0]);
            }
        }
    }

    /**
     * {@code writers} threads, as many gateway nodes, each storing batches of {@code batch} records back to
     * back for {@code duration}. With folding on, a control plane folds meanwhile, as it does every second,
     * and the rate counts until the rollups hold every record. With folding off, the rate is the raw
     * writes' alone, and folding the backlog afterwards is timed apart.
     */
    static void ingest(HikariDataSource db, Duration duration, int writers, int batch, boolean fold) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        RollupFolder folder = folder(db);
        jdbc.execute("truncate usage_record, usage_rollup_minute, usage_rollup_hour, usage_rollup_day");
        Traffic traffic = new Traffic(42);
        for (int i = 0; i < 3 * writers; i++) {
            UsageRows.store(jdbc, traffic.next(batch, Instant.now()));
        }
        folder.foldNow();
        AtomicLong stored = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        long serverCpuBefore = serverCpuMillis(jdbc);
        long clientCpuBefore = clientCpuMillis();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Traffic own = new Traffic(100 + w);
            threads.add(Thread.ofPlatform().name("writer-" + w).start(() -> {
                while (System.nanoTime() < deadline) {
                    List<UsageRecord> records = own.next(batch, Instant.now());
                    UsageRows.store(jdbc, records);
                    stored.addAndGet(records.size());
                    batches.incrementAndGet();
                }
            }));
        }
        AtomicLong folded = new AtomicLong();
        Thread folding = !fold ? null : Thread.ofPlatform().name("folder").start(() -> {
            while (System.nanoTime() < deadline) {
                long started1 = System.nanoTime();
                folded.addAndGet(folder.foldNow());
                long rest = 1_000_000_000L - (System.nanoTime() - started1);
                if (rest > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(rest, Math.max(0, deadline - System.nanoTime())));
                }
            }
        });
        for (Thread thread : threads) {
            thread.join();
        }
        double writing = (System.nanoTime() - started) / 1e9;
        if (folding != null) {
            folding.join();
        }
        long catchingUp = System.nanoTime();
        folded.addAndGet(folder.foldNow());
        double caughtUp = (System.nanoTime() - catchingUp) / 1e9;
        double seconds = (System.nanoTime() - started) / 1e9;
        long serverCpu = serverCpuMillis(jdbc) - serverCpuBefore;
        long clientCpu = clientCpuMillis() - clientCpuBefore;
        long counted = jdbc.queryForObject("select sum(count) from usage_rollup_day", Long.class);
        long rows = jdbc.queryForObject("select count(*) from usage_record", Long.class);
        if (counted != rows) {
            throw new IllegalStateException(rows + " records stored but " + counted + " in the day rollups");
        }
        if (fold) {
            System.out.printf("ingest writers=%d batch=%d, folding every second: %,d records stored and folded in %.1f s"
                            + " = %,.0f records/s (writes %.1f s, %.1f ms per batch; last fold %.1f s);"
                            + " PostgreSQL backends' CPU %.1f µs/record, bench JVM CPU %.1f µs/record%n",
                    writers, batch, stored.get(), seconds, stored.get() / seconds, writing,
                    writing * 1000 * writers / batches.get(), caughtUp, serverCpu * 1000.0 / stored.get(),
                    clientCpu * 1000.0 / stored.get());
        } else {
            System.out.printf("ingest writers=%d batch=%d, raw writes only: %,d records in %.1f s = %,.0f records/s"
                            + " (%.1f ms per batch); then folding them all took %.1f s = %,.0f records/s;"
                            + " PostgreSQL backends' CPU %.1f µs/record for both%n",
                    writers, batch, stored.get(), writing, stored.get() / writing, writing * 1000 * writers / batches.get(),
                    caughtUp, stored.get() / caughtUp, serverCpu * 1000.0 / stored.get());
        }
    }

    /**
     * A month of {@code records} records (made in the database, one day at a time, then folded into the
     * rollups), one day rebuilt, then the dashboards' queries over the month, each timed several times.
     */
    static void month(HikariDataSource db, long records) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        Instant month = Instant.parse("2026-10-01T00:00:00Z");
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        Long existing = jdbc.queryForObject("select count(*) from usage_record where occurred_at >= ? and occurred_at < ?",
                Long.class, java.sql.Timestamp.from(month), java.sql.Timestamp.from(end));
        if (existing == null || existing != records) {
            jdbc.execute("truncate usage_record, usage_rollup_minute, usage_rollup_hour, usage_rollup_day");
            long perDay = records / 31;
            long started = System.nanoTime();
            for (int day = 0; day < 31; day++) {
                jdbc.update(MONTH_DAY, java.sql.Timestamp.from(month.plus(day, ChronoUnit.DAYS)), day * perDay + 1,
                        (day == 30 ? records : (day + 1) * perDay));
            }
            System.out.printf("month: %,d raw records made in %.1f s%n", records, (System.nanoTime() - started) / 1e9);
            long folding = System.nanoTime();
            folder(db).foldNow();
            double folded = (System.nanoTime() - folding) / 1e9;
            jdbc.execute("vacuum analyze usage_record, usage_rollup_minute, usage_rollup_hour, usage_rollup_day");
            System.out.printf("month: folded into the rollups in %.1f s (%,.0f records/s)%n", folded, records / folded);
            long rebuilding = System.nanoTime();
            new RollupRebuildService(jdbc, new TransactionTemplate(new DataSourceTransactionManager(db)))
                    .rebuild(month.plus(14, ChronoUnit.DAYS), month.plus(15, ChronoUnit.DAYS));
            double rebuilt = (System.nanoTime() - rebuilding) / 1e9;
            System.out.printf("month: one day's rollups rebuilt from raw in %.1f s (%,.0f records/s)%n", rebuilt,
                    records / 31 / rebuilt);
        }
        System.out.printf("month: rollup rows: %,d minute, %,d hour, %,d day%n",
                jdbc.queryForObject("select count(*) from usage_rollup_minute", Long.class),
                jdbc.queryForObject("select count(*) from usage_rollup_hour", Long.class),
                jdbc.queryForObject("select count(*) from usage_rollup_day", Long.class));
        DashboardService dashboards = new DashboardService(new NamedParameterJdbcTemplate(db), new LatencyBuckets(jdbc),
                folder(db));
        UUID api = jdbc.queryForObject("select api_id from usage_rollup_day group by 1 order by sum(count) desc limit 1", UUID.class);
        UUID organization = jdbc.queryForObject(
                "select organization_id from usage_rollup_day where organization_id is not null group by 1 limit 1", UUID.class);
        DashboardFilter all = DashboardFilter.of(month, end);
        Instant lastDay = end.minus(1, ChronoUnit.DAYS);
        time("overview, month, all APIs", () -> dashboards.overview(all));
        time("overview, month, one API", () -> dashboards.overview(all.forApi(api)));
        time("overview, month, one organization", () -> dashboards.overview(all.forOrganization(organization)));
        time("overview, 10 days 13:17 to 13:17 (minutes+hours+days)",
                () -> dashboards.overview(DashboardFilter.of(month.plusSeconds(47_820), month.plus(10, ChronoUnit.DAYS).plusSeconds(47_820))));
        time("timeseries, month by day", () -> dashboards.series(all, null));
        time("timeseries, last 7 days by hour", () -> dashboards.series(DashboardFilter.of(end.minus(7, ChronoUnit.DAYS), end), null));
        time("timeseries, last 6 hours by minute", () -> dashboards.series(DashboardFilter.of(end.minus(6, ChronoUnit.HOURS), end), null));
        time("timeseries, last day by hour, one API", () -> dashboards.series(DashboardFilter.of(lastDay, end).forApi(api), null));
        time("top 10 applications, month", () -> dashboards.topApplications(all, 10));
        time("top 10 APIs, month", () -> dashboards.topApis(all, 10));
        time("top 10 operations, month, one API", () -> dashboards.topOperations(all.forApi(api), 10));
    }

    private static void time(String name, Supplier<?> query) {
        query.get();
        long[] millis = new long[7];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            query.get();
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("query %-55s median %4d ms, max %4d ms%n", name, millis[millis.length / 2], millis[millis.length - 1]);
    }

    /** One day of the month's records, {@code [first, last]} numbering them, shaped as {@link Traffic}'s. */
    private static final String MONTH_DAY = """
            insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id, subscription_id,
                                      outcome, billable, method, path, status, request_bytes, response_bytes, latency_micros,
                                      request_id, gateway_node, overage, operation)
            select gen_random_uuid(), d.day + random() * interval '1 day',
                   case when n % 100 < 15 then 'EVENT' else 'CALL' end,
                   md5('api' || k.sub % 20)::uuid, md5('plan' || k.sub % 20)::uuid, md5('app' || k.app)::uuid,
                   md5('org' || k.app % 40)::uuid, md5('sub' || k.sub)::uuid,
                   o.outcome, o.outcome = 'ACCEPTED', case when n % 100 < 15 then 'DELIVER' else 'GET' end,
                   '/raw', o.status, 200, 2000, exp(ln(8000) + random() * 1.2)::bigint, null, 'bench', false,
                   '/op/' || (n / 800) % 5
            from (select ?::timestamptz as day) d, generate_series(?::bigint, ?::bigint) n,
                 lateral (select floor(400 * power(random() + 0 * n, 3))::int as app) a,
                 lateral (select a.app, 2 * a.app + n % 2 as sub) k,
                 lateral (select case when n % 100 >= 97 then 'REJECTED' when n % 100 = 96 then 'FAILED'
                                      else 'ACCEPTED' end as outcome,
                                 case when n % 100 >= 97 then 429 when n % 100 = 96 then 502
                                      when n % 100 = 50 then 404 else 200 end as status) o""";

    private static RollupFolder folder(HikariDataSource db) {
        return new RollupFolder(new JdbcTemplate(db), new DataSourceTransactionManager(db),
                new UsageLedgerProperties(Duration.ofSeconds(1), null, Duration.ofDays(35), Duration.ofHours(1), 50_000));
    }

    /**
     * CPU time of this bench's PostgreSQL backends (its pool's connections, by application name), as the
     * OS counts it: the server's work for the bench, not other databases' on a shared server.
     */
    private static long serverCpuMillis(JdbcTemplate jdbc) {
        long ticks = 0;
        for (Integer pid : jdbc.queryForList(
                "select pid from pg_stat_activity where application_name = 'ledger-bench'", Integer.class)) {
            try {
                String[] stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.toString(), "stat"))
                        .replaceFirst("^.*\\) ", "").split(" ");
                ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            } catch (java.io.IOException | RuntimeException gone) {
                // the backend ended meanwhile
            }
        }
        return ticks * 10;
    }

    private static long clientCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                / 1_000_000;
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getProperty("user", "postgres"));
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(8);
        config.addDataSourceProperty("ApplicationName", "ledger-bench");
        return new HikariDataSource(config);
    }

    /**
     * Gateway-like traffic: 20 APIs of 5 operations, 400 applications of 40 organizations, each application
     * subscribed to 2 APIs, a few applications making most calls (the i-th busiest's share falls off as a
     * cube root); 15 % events, 3 % rejected, 1 % failed; latencies log-normal around 8 ms.
     */
    static final class Traffic {

        private final SplittableRandom random;
        private final UUID[] apis = ids(20);
        private final UUID[] plans = ids(20);
        private final UUID[] applications = ids(400);
        private final UUID[] organizations = ids(40);
        private final UUID[] subscriptions = ids(800);

        Traffic(long seed) {
            random = new SplittableRandom(seed);
        }

        private static UUID[] ids(int count) {
            UUID[] ids = new UUID[count];
            for (int i = 0; i < count; i++) {
                ids[i] = UUID.nameUUIDFromBytes(("bench-" + count + "-" + i).getBytes());
            }
            return ids;
        }

        List<UsageRecord> next(int count, Instant at) {
            List<UsageRecord> records = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int application = (int) (applications.length * Math.pow(random.nextDouble(), 3));
                int subscription = 2 * application + random.nextInt(2);
                int api = subscription % apis.length;
                int roll = random.nextInt(100);
                boolean event = roll < 15;
                Outcome outcome = roll >= 97 ? Outcome.REJECTED : roll == 96 ? Outcome.FAILED : Outcome.ACCEPTED;
                int status = outcome == Outcome.REJECTED ? 429 : outcome == Outcome.FAILED ? 502 : roll == 50 ? 404 : 200;
                long latency = (long) Math.exp(Math.log(8000) + random.nextDouble() * 1.2);
                records.add(new UsageRecord(UsageIds.next(), at.plusNanos(i * 1000L), event ? UsageKind.EVENT : UsageKind.CALL,
                        apis[api], plans[api], applications[application], organizations[application % organizations.length],
                        subscriptions[subscription], outcome, event ? "DELIVER" : "GET", "/bench/" + i, status, 200, 2000,
                        latency, "req", "bench", false, "/op/" + random.nextInt(5)));
            }
            return records;
        }
    }
}
