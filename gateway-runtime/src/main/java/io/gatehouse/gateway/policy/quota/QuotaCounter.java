package io.gatehouse.gateway.policy.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Quota counters in PostgreSQL ({@code quota_counter}), exact across gateway nodes: each call is one
 * {@code insert ... on conflict do update set used = used + 1 ... returning used}, so concurrent
 * calls on any number of nodes are serialized by the row. The statements run on virtual threads,
 * never on the event loop. The time comes from the context's {@link Clock} bean when it has one
 * (tests), else from the UTC system clock.
 */
@Component
public class QuotaCounter implements DisposableBean {

    private static final String COUNT_WITHIN = """
            insert into quota_counter (subscription_id, period_start, used) values (?, ?, 1)
            on conflict (subscription_id, period_start) do update set used = quota_counter.used + 1
            where quota_counter.used < ?
            returning used""";
    private static final String COUNT_ALWAYS = """
            insert into quota_counter (subscription_id, period_start, used) values (?, ?, 1)
            on conflict (subscription_id, period_start) do update set used = quota_counter.used + 1
            returning used""";

    private static final String USED = "select used from quota_counter where subscription_id = ? and period_start = ?";

    private static final Logger log = LoggerFactory.getLogger(QuotaCounter.class);

    private final AtomicBoolean available = new AtomicBoolean(true);
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("quota-", 0).factory());

    public QuotaCounter(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Counts one call of {@code subject} in the period starting at {@code periodStart} and completes
     * with the calls counted so far, this one included. With {@code cap}, a call past {@code cap} is
     * not counted and completes with {@code -1}.
     */
    public CompletableFuture<Long> count(UUID subject, Instant periodStart, long cap, boolean capped) {
        return CompletableFuture.supplyAsync(() -> {
            OffsetDateTime start = OffsetDateTime.ofInstant(periodStart, ZoneOffset.UTC);
            List<Long> used = capped
                    ? jdbc.queryForList(COUNT_WITHIN, Long.class, subject, start, cap)
                    : jdbc.queryForList(COUNT_ALWAYS, Long.class, subject, start);
            return used.isEmpty() ? -1L : used.getFirst();
        }, executor);
    }

    /** Completes with the calls of {@code subject} counted in the period starting at {@code periodStart}, counting none. */
    public CompletableFuture<Long> used(UUID subject, Instant periodStart) {
        return CompletableFuture.supplyAsync(() -> {
            List<Long> used = jdbc.queryForList(USED, Long.class, subject, OffsetDateTime.ofInstant(periodStart, ZoneOffset.UTC));
            return used.isEmpty() ? 0L : used.getFirst();
        }, executor);
    }

    /** Logs the start of an outage of the counters, once. */
    void failed(Throwable error) {
        if (available.compareAndSet(true, false)) {
            log.warn("Quota counters unreachable ({}); letting calls through uncounted until they answer", error.toString());
        }
    }

    void answered() {
        if (available.compareAndSet(false, true)) {
            log.info("Quota counters answer again");
        }
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
