package io.gatehouse.core.snapshot;

import io.gatehouse.core.db.PgChannelListener;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Tells a listener when the registry has changed. It listens on the PostgreSQL channel
 * {@code gatehouse_registry} (the registry's triggers notify it with the new version) and, as a
 * fallback for lost connections and missed notifications, compares the registry version every
 * {@code pollInterval}. On any failure it reconnects with backoff and keeps going (the gateway serves
 * its last snapshot meanwhile); the listener is called with the latest version seen, from the
 * watcher's own thread.
 */
public final class RegistryWatcher implements AutoCloseable {

    public static final String CHANNEL = "gatehouse_registry";

    private final SnapshotLoader loader;
    private final LongConsumer onChange;
    private final PgChannelListener listener;
    private volatile long lastSeen;

    public RegistryWatcher(DataSource dataSource, SnapshotLoader loader, Duration pollInterval, long knownVersion,
                           LongConsumer onChange) {
        this.loader = loader;
        this.onChange = onChange;
        this.lastSeen = knownVersion;
        this.listener = new PgChannelListener(dataSource, CHANNEL, pollInterval, "registry-watcher",
                new PgChannelListener.Handler() {
                    @Override
                    public void quiet() {
                        changed(loader.currentVersion());
                    }

                    @Override
                    public void notified(List<String> payloads) {
                        long newest = lastSeen;
                        for (String payload : payloads) {
                            newest = Math.max(newest, parse(payload));
                        }
                        changed(newest);
                    }
                });
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

    @Override
    public void close() {
        listener.close();
    }
}
