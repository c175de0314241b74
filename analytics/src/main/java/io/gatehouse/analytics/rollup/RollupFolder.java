package io.gatehouse.analytics.rollup;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the rollups up to date: every {@code gatehouse.usage.fold-interval} (and before every query that
 * must see all committed usage, {@link #foldNow}) it folds the usage records stored since the last fold
 * into the minute, hour and day rollups ({@code usage_rollup_fold}, see V20), a bounded number per
 * transaction. Each record is folded exactly once, whichever control plane folds it and however often
 * it was written. Gateways never wait for it; while no control plane runs, rollups fall behind and
 * catch up when one starts.
 */
@Component
public class RollupFolder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RollupFolder.class);
    private static final long MAX_RECORDS_PER_FOLD = 500_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final UsageLedgerProperties properties;
    private volatile ScheduledExecutorService scheduler;

    public RollupFolder(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, UsageLedgerProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
    }

    /**
     * Folds every record whose transaction has ended, in transactions of its own (whatever transaction
     * the caller is in); returns how many records it went through.
     */
    public long foldNow() {
        long total = 0;
        while (true) {
            Long folded = transactions.execute(status -> jdbc.queryForObject("select usage_rollup_fold(?)", Long.class,
                    MAX_RECORDS_PER_FOLD));
            if (folded == null || folded == 0) {
                return total;
            }
            total += folded;
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("usage-fold").daemon().factory());
        long period = properties.foldInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                foldNow();
            } catch (RuntimeException e) {
                log.warn("Folding usage into the rollups failed; retrying in {}: {}", properties.foldInterval(), e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
