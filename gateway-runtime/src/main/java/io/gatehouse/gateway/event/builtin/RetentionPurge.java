package io.gatehouse.gateway.event.builtin;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.BuiltinSource;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.event.EventProperties;
import io.gatehouse.gateway.route.LiveRoutes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deletes the built-in source's events once they are older than their API's {@code retention}
 * (P7D by default), every {@code gatehouse.gateway.events.purge-interval}, for the EVENT APIs this
 * gateway serves. Several nodes may purge at once: deleting is idempotent.
 */
@Component
public class RetentionPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final EventStore store;
    private final LiveRoutes routes;
    private final EventProperties properties;
    private ScheduledExecutorService scheduler;

    public RetentionPurge(EventStore store, LiveRoutes routes, EventProperties properties) {
        this.store = store;
        this.routes = routes;
        this.properties = properties;
    }

    /** Purges every served BUILTIN API once; returns how many events were deleted. */
    public int purgeNow() {
        int deleted = 0;
        for (ServedApi api : routes.current().apis()) {
            if (api.type() == ApiType.EVENT && api.source() instanceof BuiltinSource builtin) {
                try {
                    deleted += store.purge(api.id(), builtin.retentionPeriod());
                } catch (RuntimeException e) {
                    log.warn("Purging the events of API {} failed: {}", api.name(), e.getMessage());
                }
            }
        }
        return deleted;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("event-purge").factory());
        long every = properties.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::purgeNow, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
