package io.gatehouse.analytics.rating;

import io.gatehouse.analytics.rollup.RollupFolder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The quantities rating reads, and the only place it reads them: billable usage per subject
 * (subscription, or keyless plan) and UTC day — calls, events, bytes. Everything that prices usage
 * (invoices, the usage report) goes through here, so where the quantities come from is decided here
 * alone: for windows that start and end at midnight UTC (billing periods, reports by date) the daily
 * rollup ({@link #FROM_ROLLUP}, after folding every committed record into it), else the raw ledger
 * grouped by day ({@link #QUANTITIES}). Both give the same figures: the rollups count each stored
 * record once (see {@code docs/analytics.md}), and {@code RollupConsistencyTests} and the
 * reconciliation test hold them to it.
 *
 * <p>Subjects arrive ordered by organization, application, API and plan name (unidentified callers
 * last), then subscription id; the rows of one subject are streamed from a database cursor and handed
 * over together, so memory holds one subject's days at a time. Callers must run inside a read-write
 * transaction (the grouping lands in a temporary table; PostgreSQL only streams a cursor in a transaction).
 */
@Component
public class MeteredUsage {

    private static final int FETCH_SIZE = 1000;

    /**
     * Billable usage in {@code [from, to)} per subscription, plan, application and UTC day, into the
     * transaction's temporary table {@code metered_day}; {@code %s} take the period's bounds and the
     * filters, literals from typed values (PostgreSQL takes no parameters in CREATE TABLE AS, and
     * aggregates there with parallel workers, which it never does for a query read through a cursor).
     */
    static final String QUANTITIES = """
            create temporary table metered_day on commit drop as
            select u.subscription_id, u.plan_id, u.application_id, (u.occurred_at at time zone 'UTC')::date as day,
                   count(*) filter (where u.kind = 'CALL') as calls,
                   count(*) filter (where u.kind = 'EVENT') as events,
                   coalesce(sum(u.request_bytes + u.response_bytes), 0) as bytes
            from usage_record u
            where u.billable and u.occurred_at >= '%s'::timestamptz and u.occurred_at < '%s'::timestamptz %s
            group by u.subscription_id, u.plan_id, u.application_id, day
            """;

    /** The same from the daily rollup: a month is thousands of rollup rows instead of millions of records. */
    static final String FROM_ROLLUP = """
            create temporary table metered_day on commit drop as
            select u.subscription_id, u.plan_id, u.application_id, (u.bucket_start at time zone 'UTC')::date as day,
                   coalesce(sum(u.count) filter (where u.kind = 'CALL'), 0) as calls,
                   coalesce(sum(u.count) filter (where u.kind = 'EVENT'), 0) as events,
                   coalesce(sum(u.request_bytes + u.response_bytes), 0) as bytes
            from usage_rollup_day u
            where u.billable and u.bucket_start >= '%s'::timestamptz and u.bucket_start < '%s'::timestamptz %s
            group by u.subscription_id, u.plan_id, u.application_id, day
            """;

    /** The subject-days with the names and dates rating needs, in report order, read through a cursor. */
    private static final String SUBJECTS = """
            select m.subscription_id, m.plan_id, m.day, m.calls, m.events, m.bytes,
                   p.name as plan, a.id as api_id, a.name as api, app.id as application_id, app.name as application,
                   o.id as organization_id, o.name as organization, s.started_at, s.ended_at
            from metered_day m
            left join subscription s on s.id = m.subscription_id
            left join application app on app.id = coalesce(s.application_id, m.application_id)
            left join organization o on o.id = app.organization_id
            left join plan p on p.id = m.plan_id
            left join api a on a.id = p.api_id
            order by o.name nulls last, app.name nulls last, a.name nulls last, p.name nulls last,
                     m.subscription_id nulls last, m.plan_id, m.application_id, m.day
            """;

    /** A month holds tens of thousands of subject-days: group them in memory, not in temporary files. */
    private static final String ROOM_TO_GROUP = "set local work_mem = '64MB'";

    private final JdbcTemplate jdbc;
    private final RollupFolder folder;

    public MeteredUsage(DataSource dataSource, RollupFolder folder) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.folder = folder;
        jdbc.setFetchSize(FETCH_SIZE);
    }

    /** Hands each subject with billable usage in {@code [from, to)} its usage per day. Needs a read-write transaction. */
    public void forEachSubject(Instant from, Instant to, UsageFilter filter, BiConsumer<Subject, Map<LocalDate, DailyUsage>> each) {
        Objects.requireNonNull(filter, "filter");
        StringBuilder where = new StringBuilder();
        if (filter.organizationId() != null) {
            where.append(" and u.organization_id = '").append(filter.organizationId()).append("'::uuid");
        }
        if (filter.apiId() != null) {
            where.append(" and u.api_id = '").append(filter.apiId()).append("'::uuid");
        }
        if (filter.planId() != null) {
            where.append(" and u.plan_id = '").append(filter.planId()).append("'::uuid");
        }
        boolean daily = midnight(from) && midnight(to);
        if (daily) {
            folder.foldNow();
        }
        jdbc.execute(ROOM_TO_GROUP);
        jdbc.execute((daily ? FROM_ROLLUP : QUANTITIES).formatted(from, to, where));
        Grouping grouping = new Grouping(each);
        try {
            jdbc.query(SUBJECTS, grouping::row);
        } finally {
            jdbc.execute("drop table metered_day");
        }
        grouping.finish();
    }

    private static boolean midnight(Instant instant) {
        return instant.getEpochSecond() % 86_400 == 0 && instant.getNano() == 0;
    }

    /** Collects consecutive rows of one subject and hands them over when the next subject begins. */
    private static final class Grouping {

        private final BiConsumer<Subject, Map<LocalDate, DailyUsage>> each;
        private Subject subject;
        private Map<LocalDate, DailyUsage> days = new HashMap<>();

        Grouping(BiConsumer<Subject, Map<LocalDate, DailyUsage>> each) {
            this.each = each;
        }

        void row(ResultSet rs) throws SQLException {
            UUID subscriptionId = rs.getObject("subscription_id", UUID.class);
            UUID planId = rs.getObject("plan_id", UUID.class);
            UUID applicationId = rs.getObject("application_id", UUID.class);
            if (subject == null || !Objects.equals(subject.subscriptionId(), subscriptionId)
                    || !Objects.equals(subject.planId(), planId) || !Objects.equals(subject.applicationId(), applicationId)) {
                finish();
                subject = new Subject(subscriptionId, planId, rs.getString("plan"), rs.getObject("api_id", UUID.class),
                        rs.getString("api"), rs.getObject("application_id", UUID.class), rs.getString("application"),
                        rs.getObject("organization_id", UUID.class), rs.getString("organization"),
                        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("ended_at")));
            }
            LocalDate day = rs.getObject("day", LocalDate.class);
            days.put(day, new DailyUsage(day, rs.getLong("calls"), rs.getLong("events"), rs.getLong("bytes")));
        }

        void finish() {
            if (subject != null) {
                each.accept(subject, days);
                subject = null;
                days = new HashMap<>();
            }
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }
}
