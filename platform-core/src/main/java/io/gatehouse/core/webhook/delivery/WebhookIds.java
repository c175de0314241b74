package io.gatehouse.core.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The ids a delivery shows the world, all derived from the delivery's own id. */
public final class WebhookIds {

    private WebhookIds() {
    }

    /**
     * The {@code webhook-id} header: {@code msg_} and the delivery id's 32 hex digits. The same on every
     * attempt and on redeliveries, so that receivers can deduplicate on it.
     */
    public static String webhookId(UUID deliveryId) {
        return "msg_" + deliveryId.toString().replace("-", "");
    }

    /** The id of the usage record of a delivery: one per delivery, however often it reached its endpoint. */
    public static UUID usageId(UUID deliveryId) {
        return UUID.nameUUIDFromBytes(("gatehouse:webhook-delivery:" + deliveryId).getBytes(StandardCharsets.UTF_8));
    }
}
