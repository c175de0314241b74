package io.gatehouse.gateway.event.builtin;

import io.gatehouse.core.db.PgChannelListener;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
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

    private final Consumer<UUID> published;
    private final PgChannelListener listener;

    public EventNotifier(DataSource dataSource, Duration pollInterval, Consumer<UUID> published) {
        this.published = published;
        this.listener = new PgChannelListener(dataSource, CHANNEL, pollInterval, "event-notifier",
                new PgChannelListener.Handler() {
                    @Override
                    public void quiet() {
                        wake(null);
                    }

                    @Override
                    public void notified(List<String> payloads) {
                        for (String payload : payloads) {
                            wake(parse(payload));
                        }
                    }
                });
    }

    private void wake(UUID apiId) {
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

    @Override
    public void close() {
        listener.close();
    }
}
