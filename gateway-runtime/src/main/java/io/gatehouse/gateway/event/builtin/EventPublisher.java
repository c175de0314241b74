package io.gatehouse.gateway.event.builtin;

import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries.Listeners;
import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a published event in the built-in source and hands it to the API's webhooks, in one
 * transaction. Blocking: call it off the event loops.
 */
@Component
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final EventStore store;
    private final WebhookDeliveries webhooks;
    private final TransactionTemplate transactions;
    private final int maxWebhookPayload;

    public EventPublisher(EventStore store, WebhookDeliveries webhooks, PlatformTransactionManager transactionManager,
                          WebhookProperties webhookProperties) {
        this.store = store;
        this.webhooks = webhooks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maxWebhookPayload = webhookProperties.maxPayloadBytes();
    }

    /** Stores {@code body}; throws when the database does. */
    public StreamEvent store(UUID apiId, String channel, String path, Map<String, String> parameters, String contentType,
                             byte[] body) {
        return transactions.execute(status -> {
            boolean forWebhooks = body.length <= maxWebhookPayload;
            // looked up before append takes the path's lock: the lock is held until commit, and publishes to the path wait for it
            Listeners listeners = forWebhooks ? webhooks.listenersOfApi(apiId, channel) : Listeners.NONE;
            StreamEvent event = store.append(apiId, channel, path, parameters, contentType, body);
            if (forWebhooks) {
                webhooks.enqueue(listeners, new WebhookEvent(event.channel(), event.id(), contentType, body));
            } else {
                log.debug("Event {} is too large for webhooks ({} bytes)", event.id(), body.length);
            }
            return event;
        });
    }
}
