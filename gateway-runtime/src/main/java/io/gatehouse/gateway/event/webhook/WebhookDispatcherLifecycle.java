package io.gatehouse.gateway.event.webhook;

import io.gatehouse.core.webhook.CallbackAddresses;
import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.WebhookOutbox;
import io.gatehouse.core.webhook.delivery.WebhooksEnqueued;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.engine.GatewayEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs this gateway's {@link WebhookDispatcher} on the gateway's Vert.x engine, unless
 * {@code gatehouse.webhook.delivery=false}, and wakes it when this process enqueues deliveries.
 */
@Component
public class WebhookDispatcherLifecycle implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcherLifecycle.class);

    private final WebhookProperties properties;
    private final WebhookDispatcher dispatcher;

    public WebhookDispatcherLifecycle(WebhookOutbox outbox, CallbackAddresses addresses, WebhookProperties properties,
                                      GatewayProperties gateway, GatewayEngine engine, MeterRegistry registry) {
        this.properties = properties;
        this.dispatcher = new WebhookDispatcher(outbox, new WebhookSender(engine.vertx(), addresses, properties.timeout()),
                properties, gateway.nodeName(), new WebhookMetrics(registry));
        if (addresses.allowsPrivateNetworks()) {
            log.warn("gatehouse.webhook.allow-private-networks is on: webhooks may call loopback and private addresses"
                    + " and plain http (development and tests only)");
        }
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void enqueued(WebhooksEnqueued event) {
        dispatcher.wake();
    }

    @Override
    public void start() {
        if (properties.delivery()) {
            dispatcher.start();
        } else {
            log.info("Webhook delivery is off in this process (gatehouse.webhook.delivery=false)");
        }
    }

    @Override
    public void stop() {
        dispatcher.stop();
    }

    @Override
    public void destroy() {
        dispatcher.close();
    }

    @Override
    public boolean isRunning() {
        return dispatcher.isRunning();
    }
}
