package io.gatehouse.core.webhook.delivery;

import java.util.Objects;

/**
 * An event to deliver to webhook endpoints, as an event source hands it over.
 *
 * @param channel     the channel it was published on, e.g. {@code lights/measured}
 * @param eventId     the source's id of the event; enqueuing the same id twice for an endpoint delivers it once
 * @param contentType the media type of {@code payload}, sent as {@code Content-Type}
 * @param payload     the body, sent and signed exactly as given
 */
public record WebhookEvent(String channel, String eventId, String contentType, byte[] payload) {

    public static final int MAX_EVENT_ID_LENGTH = 200;

    public WebhookEvent {
        Objects.requireNonNull(payload, "payload");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("an event needs its channel");
        }
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new IllegalArgumentException("an event needs an id of 1 to " + MAX_EVENT_ID_LENGTH + " characters");
        }
        if (contentType == null || contentType.isBlank()) {
            contentType = "application/json";
        }
    }

    @Override
    public String toString() {
        return "WebhookEvent[" + channel + " " + eventId + " " + contentType + ", " + payload.length + " bytes]";
    }
}
