package io.gatehouse.core.webhook;

/** An endpoint just registered, with its signing secret: the only time the secret is handed out. */
public record RegisteredWebhookEndpoint(WebhookEndpoint endpoint, String secret) {

    @Override
    public String toString() {
        return "RegisteredWebhookEndpoint[" + endpoint + "]";
    }
}
