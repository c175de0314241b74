package io.gatehouse.analytics.invoice;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.pricing.ClosedPeriodGuard;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which billing periods (calendar months, UTC) are closed (table {@code billing_period}). Closing a
 * period and recording a price version serialize on one transaction-scoped advisory lock, so a price
 * change can never slip into a period while it closes.
 */
@Component
public class BillingPeriods implements ClosedPeriodGuard {

    /** The advisory lock key of billing periods ("gh-bill" as a number). */
    private static final long LOCK = 0x67682d62696c6cL;

    private final JdbcTemplate jdbc;

    public BillingPeriods(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the periods' lock until the current transaction ends. */
    void lock() {
        jdbc.queryForList("select pg_advisory_xact_lock(?)", LOCK);
    }

    public Optional<Instant> closedAt(YearMonth period) {
        List<Instant> closed = jdbc.query("select closed_at from billing_period where period_start = ?",
                (rs, row) -> rs.getTimestamp(1).toInstant(), Date.valueOf(period.atDay(1)));
        return closed.stream().findFirst();
    }

    public boolean isClosed(YearMonth period) {
        return closedAt(period).isPresent();
    }

    void markClosed(YearMonth period, Instant at, String by) {
        jdbc.update("insert into billing_period (period_start, closed_at, closed_by) values (?, ?, ?)",
                Date.valueOf(period.atDay(1)), java.sql.Timestamp.from(at), by);
    }

    @Override
    public void requireOpen(LocalDate day) {
        lock();
        List<LocalDate> closed = jdbc.query("select period_start from billing_period where period_start >= ? order by period_start desc limit 1",
                (rs, row) -> rs.getDate(1).toLocalDate(), Date.valueOf(day.withDayOfMonth(1)));
        if (!closed.isEmpty()) {
            YearMonth last = YearMonth.from(closed.getFirst());
            throw new ConflictException("the billing period " + last + " is closed and a price change never rewrites a closed period; "
                    + "it may take effect from " + last.plusMonths(1).atDay(1) + " on", "/pricing/effectiveFrom");
        }
    }
}
