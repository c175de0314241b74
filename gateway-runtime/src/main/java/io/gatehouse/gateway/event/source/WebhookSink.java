package io.gatehouse.gateway.event.source;

import io.gatehouse.core.webhook.delivery.WebhookEvent;
import java.util.List;

/** Hands a webhook feed's events to the outbox; returns once they are stored there, throws when they are not. */
public interface WebhookSink {

    void enqueue(List<WebhookEvent> events);
}
