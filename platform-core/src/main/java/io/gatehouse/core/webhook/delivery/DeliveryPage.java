package io.gatehouse.core.webhook.delivery;

import java.util.List;

/** One page of an endpoint's deliveries, newest first; {@code next} is the cursor of the next page, null on the last. */
public record DeliveryPage(List<WebhookDelivery> items, String next) {
}
