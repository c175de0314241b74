package io.gatehouse.core.db;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one PostgreSQL notification channel from its own thread, reconnecting with backoff
 * (250 ms doubling to 5 s) whenever the database goes away, and logging the loss and the recovery
 * once each.
 *
 * <p>Contract for {@link Handler}: {@code quiet} is called after every (re)connect and whenever
 * nothing arrived for {@code pollInterval} — the place for a fallback poll, since notifications sent
 * while disconnected are lost; {@code notified} gets the payloads of the notifications that arrived
 * together. Both run on the listener's thread; an exception from them counts as a lost connection.
 */
public final class PgChannelListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgChannelListener.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** What to do on a quiet interval and on notifications. */
    public interface Handler {
        void quiet();

        void notified(List<String> payloads);
    }

    private final DataSource dataSource;
    private final String channel;
    private final Duration pollInterval;
    private final String name;
    private final Handler handler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    /** Starts listening at once; {@code name} names the thread and the log lines. */
    public PgChannelListener(DataSource dataSource, String channel, Duration pollInterval, String name, Handler handler) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.pollInterval = pollInterval;
        this.name = name;
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean failing = false;
        while (running.get()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                if (failing) {
                    log.info("{} reconnected to the database", name);
                    failing = false;
                }
                backoff = FIRST_BACKOFF;
                handler.quiet();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications((int) pollInterval.toMillis());
                    if (notifications == null || notifications.length == 0) {
                        handler.quiet();
                        continue;
                    }
                    List<String> payloads = new ArrayList<>(notifications.length);
                    for (PGNotification notification : notifications) {
                        payloads.add(notification.getParameter());
                    }
                    handler.notified(payloads);
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                if (!failing) {
                    log.warn("{} lost the database ({}); retrying", name, e.getMessage());
                    failing = true;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
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
