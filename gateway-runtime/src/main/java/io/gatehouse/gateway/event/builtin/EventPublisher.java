package io.gatehouse.gateway.event.builtin;

import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a published event in the built-in source and hands it to the API's webhooks, in one
 * transaction, off the event loop; then answers {@code 202} with the event's id. The caller was
 * admitted and the message phase passed before.
 */
@Component
public class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final EventStore store;
    private final WebhookDeliveries webhooks;
    private final TransactionTemplate transactions;
    private final GatewayEngine engine;
    private final int maxWebhookPayload;

    public EventPublisher(EventStore store, WebhookDeliveries webhooks, PlatformTransactionManager transactionManager, GatewayEngine engine,
                          WebhookProperties webhookProperties) {
        this.store = store;
        this.webhooks = webhooks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.engine = engine;
        this.maxWebhookPayload = webhookProperties.maxPayloadBytes();
    }

    /** Stores {@code body}; the future fails when the database does. Call on the event loop. */
    public Future<StreamEvent> store(Exchange exchange, ChannelMatcher.Match match, String contentType, byte[] body) {
        return engine.vertx().executeBlocking(() -> transactions.execute(status -> {
            StreamEvent event = store.append(exchange.api().id(), match.channel().name(), exchange.pathWithinApi(),
                    match.parameters(), contentType, body);
            if (body.length <= maxWebhookPayload) {
                webhooks.enqueueForApi(event.apiId(), new WebhookEvent(event.channel(), Long.toString(event.id()), contentType, body));
            } else {
                log.debug("Event {} is too large for webhooks ({} bytes)", event.id(), body.length);
            }
            return event;
        }), false);
    }

    public static void accepted(HttpServerResponse response, Exchange exchange, StreamEvent event) {
        byte[] body = ("{\"id\":\"" + event.id() + "\"}").getBytes(StandardCharsets.US_ASCII);
        exchange.status(202);
        exchange.outcome(Outcome.ACCEPTED);
        response.setStatusCode(202);
        response.headers()
                .addAll(exchange.responseHeaders())
                .set(HttpHeaders.CONTENT_TYPE, "application/json")
                .set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .set(RequestIds.HEADER, exchange.requestId());
        response.end(Buffer.buffer(body));
    }
}
