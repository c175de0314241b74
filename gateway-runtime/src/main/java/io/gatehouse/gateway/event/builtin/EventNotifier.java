package io.gatehouse.gateway.event.builtin;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this gateway node when events were published: it listens on the PostgreSQL channel
 * {@value #CHANNEL} (the {@code event_message} trigger notifies it with the API's id) and calls
 * {@code published} with that id; when nothing arrived for {@code pollInterval}, and after a lost
 * connection, it calls it with null ("look at every stream"), the fallback for missed notifications.
 * Runs on its own thread and reconnects with backoff.
 */
public final class EventNotifier implements AutoCloseable {

    public static final String CHANNEL = "gatehouse_events";
    private static final Logger log = LoggerFactory.getLogger(EventNotifier.class);

    private final DataSource dataSource;
    private final Duration pollInterval;
    private final Consumer<UUID> published;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public EventNotifier(DataSource dataSource, Duration pollInterval, Consumer<UUID> published) {
        this.dataSource = dataSource;
        this.pollInterval = pollInterval;
        this.published = published;
        this.thread = Thread.ofPlatform().daemon().name("event-notifier").start(this::run);
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
                    log.info("Event notifier reconnected to the database");
                    failing = false;
                }
                backoff = Duration.ofMillis(250);
                notify(null);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running.get()) {
                    PGNotification[] notifications = pg.getNotifications((int) pollInterval.toMillis());
                    if (notifications == null || notifications.length == 0) {
                        notify(null);
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        notify(parse(notification.getParameter()));
                    }
                }
            } catch (Exception e) {
                if (!running.get()) {
                    return;
                }
                if (!failing) {
                    log.warn("Event notifier lost the database ({}); retrying", e.getMessage());
                    failing = true;
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    private void notify(UUID apiId) {
        try {
            published.accept(apiId);
        } catch (RuntimeException e) {
            log.warn("Waking event streams failed", e);
        }
    }

    private static UUID parse(String payload) {
        try {
            return UUID.fromString(payload);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
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
