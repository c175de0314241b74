package io.gatehouse.analytics.rollup;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every {@code gatehouse.usage.purge-interval} (the first time a minute after start, or sooner), purges the
 * raw records past their retention, when one is set ({@link RawUsagePurge}), then the minute rollups past
 * theirs ({@link MinuteRollupPurge}). A failed purge is retried at the next run.
 */
@Component
public class UsagePurgeSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsagePurgeSchedule.class);
    private final RawUsagePurge raw;
    private final MinuteRollupPurge minutes;
    private final UsageLedgerProperties properties;
    private volatile ScheduledExecutorService scheduler;

    public UsagePurgeSchedule(RawUsagePurge raw, MinuteRollupPurge minutes, UsageLedgerProperties properties) {
        this.raw = raw;
        this.minutes = minutes;
        this.properties = properties;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("usage-purge").daemon().factory());
        long period = properties.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            run("raw usage records", raw::purgeNow);
            run("minute rollups", minutes::purgeNow);
        }, Math.min(period, 60_000), period, TimeUnit.MILLISECONDS);
    }

    private void run(String what, Runnable purge) {
        try {
            purge.run();
        } catch (RuntimeException e) {
            log.warn("Purging {} failed; retrying in {}: {}", what, properties.purgeInterval(), e.getMessage());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
