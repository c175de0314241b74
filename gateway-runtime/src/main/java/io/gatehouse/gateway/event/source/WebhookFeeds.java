package io.gatehouse.gateway.event.source;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.gateway.route.RouteTable;
import io.gatehouse.gateway.route.RoutesListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps one webhook feed ({@link EventSourceConnector#followForWebhooks}) running on this node for each
 * served EVENT API with a broker source and channels to receive from, and hands their events to the
 * webhook outbox ({@link WebhookDeliveries#enqueueForApi}), a batch per transaction. The broker shares
 * the events out between the nodes, so each is queued once across the cluster. A new snapshot starts
 * feeds for new APIs, and restarts or stops those whose API changed its source or channels, or is gone.
 */
@Component
public class WebhookFeeds implements RoutesListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookFeeds.class);

    private record Running(ServedApi api, List<ServedChannel> channels, Feed feed) {
    }

    private final EventSourceConnectors connectors;
    private final WebhookDeliveries deliveries;
    private final TransactionTemplate transactions;
    private final EventSourceProperties properties;
    private final int maxPayloadBytes;
    private final Map<UUID, Running> running = new HashMap<>();

    public WebhookFeeds(EventSourceConnectors connectors, WebhookDeliveries deliveries, PlatformTransactionManager transactionManager,
                        EventSourceProperties properties, WebhookProperties webhookProperties) {
        this.connectors = connectors;
        this.deliveries = deliveries;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.maxPayloadBytes = webhookProperties.maxPayloadBytes();
    }

    /** Whether the webhook feed of {@code apiId} consumes its source on this node right now. */
    public synchronized boolean connected(UUID apiId) {
        Running feed = running.get(apiId);
        return feed != null && feed.feed().connected();
    }

    @Override
    public synchronized void routesInstalled(RouteTable table) {
        if (!properties.webhookFeeds()) {
            return;
        }
        Map<UUID, ServedApi> wanted = new HashMap<>();
        for (ServedApi api : table.apis()) {
            if (api.type() == ApiType.EVENT && api.source() != null && api.source().kind() != EventSourceKind.BUILTIN
                    && !channels(api).isEmpty()) {
                wanted.put(api.id(), api);
            }
        }
        running.entrySet().removeIf(entry -> {
            ServedApi api = wanted.get(entry.getKey());
            boolean keep = api != null && Objects.equals(api.source(), entry.getValue().api().source())
                    && channels(api).equals(entry.getValue().channels());
            if (!keep) {
                stop(entry.getValue());
            }
            return !keep;
        });
        for (ServedApi api : wanted.values()) {
            if (!running.containsKey(api.id())) {
                start(api);
            }
        }
    }

    private void start(ServedApi api) {
        List<ServedChannel> channels = channels(api);
        try {
            Feed feed = connectors.of(api).followForWebhooks(api, channels, events -> enqueue(api.id(), events));
            if (feed != null) {
                running.put(api.id(), new Running(api, channels, feed));
            }
        } catch (RuntimeException e) {
            log.warn("The webhook feed of API {} could not start: {}", api.name(), e.getMessage());
        }
    }

    private static List<ServedChannel> channels(ServedApi api) {
        return api.channels().stream().filter(ServedChannel::subscribe).toList();
    }

    private void enqueue(UUID apiId, List<WebhookEvent> events) {
        transactions.executeWithoutResult(status -> {
            for (WebhookEvent event : events) {
                if (event.payload().length <= maxPayloadBytes) {
                    deliveries.enqueueForApi(apiId, event);
                } else {
                    log.debug("Event {} of API {} is too large for webhooks ({} bytes)", event.eventId(), apiId, event.payload().length);
                }
            }
        });
    }

    private static void stop(Running feed) {
        Thread.ofVirtual().name("webhook-feed-stop").start(() -> {
            try {
                feed.feed().close();
            } catch (RuntimeException e) {
                log.warn("Stopping the webhook feed of API {} failed: {}", feed.api().name(), e.getMessage());
            }
        });
    }

    @Override
    public synchronized void destroy() {
        running.values().forEach(feed -> feed.feed().close());
        running.clear();
    }
}
