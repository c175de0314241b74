package io.gatehouse.gateway.route;

import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.RegistryWatcher;
import io.gatehouse.core.snapshot.SnapshotLoader;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.policy.ChainAssembler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The route table the gateway serves from right now. It loads the registry snapshot on start,
 * compiles it, and swaps in a new table whenever the {@link RegistryWatcher} reports a new
 * registry version. A rebuild that fails leaves the previous table serving and is retried every
 * {@link #RETRY_DELAY} until one succeeds, so a change is not lost to a transient database error.
 * Every loaded snapshot is written to the {@link SnapshotCache}; when the database is unreachable at
 * start, the cached snapshot is served until the watcher reaches the database again. Each
 * {@link RoutesListener} is told of every table installed.
 */
@Component
public class LiveRoutes implements SmartLifecycle {

    /** Starts before the server accepts calls, stops after it. */
    public static final int PHASE = 100;
    static final Duration RETRY_DELAY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);

    private final SnapshotLoader loader;
    private final ChainAssembler assembler;
    private final DataSource dataSource;
    private final GatewayProperties properties;
    private final SnapshotCache cache;
    private final AtomicReference<RouteTable> current = new AtomicReference<>(RouteTable.empty());
    private final AtomicBoolean retrying = new AtomicBoolean();
    private final ObjectProvider<RoutesListener> listeners;
    private volatile RegistryWatcher watcher;

    @Autowired
    public LiveRoutes(SnapshotLoader loader, ChainAssembler assembler, DataSource dataSource, GatewayProperties properties,
                      SnapshotCache cache, ObjectProvider<RoutesListener> listeners) {
        this.loader = loader;
        this.assembler = assembler;
        this.dataSource = dataSource;
        this.properties = properties;
        this.cache = cache;
        this.listeners = listeners;
    }

    public LiveRoutes(SnapshotLoader loader, ChainAssembler assembler, DataSource dataSource, GatewayProperties properties,
                      SnapshotCache cache) {
        this(loader, assembler, dataSource, properties, cache, null);
    }

    public RouteTable current() {
        return current.get();
    }

    @Override
    public void start() {
        try {
            installAndCache(loader.load());
        } catch (RuntimeException e) {
            cache.read().ifPresentOrElse(snapshot -> {
                log.warn("Could not load the registry ({}); serving the cached snapshot of version {} built at {} until it is reachable",
                        e.getMessage(), snapshot.version(), snapshot.builtAt());
                install(snapshot);
            }, () -> log.error("Could not load the registry and no cached snapshot in {}; serving no APIs until it is reachable: {}",
                    cache.file(), e.getMessage()));
        }
        watcher = new RegistryWatcher(dataSource, loader, properties.registryPollInterval(), current.get().version(),
                version -> reload());
    }

    /** Rebuilds from the registry now; keeps the current table when that fails. */
    public synchronized void reload() {
        try {
            installAndCache(loader.load());
        } catch (RuntimeException e) {
            log.warn("Registry snapshot rebuild failed; still serving version {}, retrying in {} ms: {}",
                    current.get().version(), RETRY_DELAY.toMillis(), e.getMessage());
            retryLater();
        }
    }

    private void retryLater() {
        if (watcher == null || !retrying.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("registry-retry").start(() -> {
            try {
                Thread.sleep(RETRY_DELAY);
            } catch (InterruptedException e) {
                return;
            } finally {
                retrying.set(false);
            }
            if (watcher != null) {
                reload();
            }
        });
    }

    private void installAndCache(GatewaySnapshot snapshot) {
        install(snapshot);
        cache.write(snapshot);
    }

    private void install(GatewaySnapshot snapshot) {
        RouteTable table = RouteTable.compile(snapshot, assembler);
        current.set(table);
        assembler.installed(snapshot);
        log.info("Serving registry version {}: {} API(s)", table.version(), table.size());
        if (listeners != null) {
            listeners.orderedStream().forEach(listener -> {
                try {
                    listener.routesInstalled(table);
                } catch (RuntimeException e) {
                    log.warn("A listener of new routes failed: {}", e.getMessage(), e);
                }
            });
        }
    }

    @Override
    public void stop() {
        RegistryWatcher running = watcher;
        if (running != null) {
            running.close();
            watcher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
