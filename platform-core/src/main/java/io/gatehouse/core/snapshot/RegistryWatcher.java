package io.gatehouse.core.snapshot;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a listener when the registry has changed. It listens on the PostgreSQL channel
 * {@code gatehouse_registry} (the registry's triggers notify it with the new version) and, as a
 * fallback for lost connections and missed notifications, compares the registry version every
 * {@code pollInterval}. On any failure it reconnects with backoff and keeps going; the listener is
 * called with the latest version seen, from the watcher's own thread.
 */
public final class RegistryWatcher implements AutoCloseable {

    public static final String CHANNEL = "gatehouse_registry";
    private static final Logger log = LoggerFactory.getLogger(RegistryWatcher.class);

    private final DataSource dataSource;
    private final SnapshotLoader loader;
    private final Duration pollInterval;
    private final LongConsumer onChange;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long lastSeen;

    public RegistryWatcher(DataSource dataSource, SnapshotLoader loader, Duration pollInterval, long knownVersion,
                           LongConsumer onChange) {
        this.dataSource = dataSource;
        this.loader = loader;
        this.pollInterval = pollInterval;
        this.onChange = onChange;
        this.lastSeen = knownVersion;
        this.thread = Thread.ofPlatform().daemon().name("registry-watcher").start(this::run);
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        boolean failing = false;
        while (running.get()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (failing) {
                    log.info("Registry watcher reconnected to the database");
                    failing = false;
                }
                backoff = Duration.ofMillis(250);
                pollVersion();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications((int) pollInterval.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        long newest = lastSeen;
                        for (PGNotification notification : notifications) {
                            newest = Math.max(newest, parse(notification.getParameter()));
                        }
                        changed(newest);
                    } else {
                        pollVersion();
                    }
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                if (!failing) {
                    log.warn("Registry watcher lost the database ({}); serving the last snapshot and retrying", e.getMessage());
                    failing = true;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    private void pollVersion() {
        changed(loader.currentVersion());
    }

    private void changed(long version) {
        if (version != lastSeen) {
            onChange.accept(version);
            lastSeen = version;
        }
    }

    private static long parse(String payload) {
        try {
            return Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
