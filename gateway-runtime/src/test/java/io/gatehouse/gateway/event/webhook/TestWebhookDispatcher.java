package io.gatehouse.gateway.event.webhook;

import io.gatehouse.core.webhook.CallbackAddresses;
import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.WebhookOutbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/** A webhook dispatcher of its own for tests of other packages (the test context's is off), calling receivers on 127.0.0.1. */
public final class TestWebhookDispatcher implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final WebhookDispatcher dispatcher;

    public TestWebhookDispatcher(WebhookOutbox outbox) {
        Duration timeout = Duration.ofSeconds(2);
        WebhookProperties properties = new WebhookProperties(true, List.of(Duration.ofMillis(200)), timeout, Duration.ofMillis(50), 4,
                Duration.ofDays(30), 1024 * 1024, true);
        WebhookSender sender = new WebhookSender(vertx, new CallbackAddresses(true, CallbackAddresses.Resolver.SYSTEM), timeout);
        dispatcher = new WebhookDispatcher(outbox, sender, properties, "test-node", new WebhookMetrics(new SimpleMeterRegistry()));
        dispatcher.start();
    }

    @Override
    public void close() {
        dispatcher.close();
        vertx.close().await();
    }
}
