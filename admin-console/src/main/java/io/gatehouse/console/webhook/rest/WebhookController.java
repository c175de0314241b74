package io.gatehouse.console.webhook.rest;

import io.gatehouse.console.problem.InvalidParameterException;
import io.gatehouse.core.webhook.RegisteredWebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointSpec;
import io.gatehouse.core.webhook.delivery.DeliveryPage;
import io.gatehouse.core.webhook.delivery.DeliveryStatus;
import io.gatehouse.core.webhook.delivery.WebhookDeliveries;
import io.gatehouse.core.webhook.delivery.WebhookDelivery;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The webhook endpoints of a subscription and their deliveries, managed by the developers of the
 * subscription's organization (and admins): register (the signing secret is shown once), list,
 * change or re-enable, remove; list deliveries with their attempts, redeliver.
 */
@RestController
@RequestMapping("/api/v1/subscriptions/{id}/webhooks")
@PreAuthorize("hasRole('ADMIN') or (hasRole('DEVELOPER') and @tenancy.ownsSubscription(authentication, #id))")
public class WebhookController {

    private static final int DEFAULT_PAGE_SIZE = 50;

    private final WebhookEndpointService endpoints;
    private final WebhookDeliveries deliveries;

    public WebhookController(WebhookEndpointService endpoints, WebhookDeliveries deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @PostMapping
    public ResponseEntity<RegisteredWebhookEndpointView> register(@PathVariable UUID id, @RequestBody WebhookEndpointSpec spec) {
        RegisteredWebhookEndpoint registered = endpoints.register(id, spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path("/api/v1/subscriptions/{id}/webhooks/{hookId}").buildAndExpand(id, registered.endpoint().getId()).toUri())
                .body(RegisteredWebhookEndpointView.of(registered));
    }

    @GetMapping
    public List<WebhookEndpointView> list(@PathVariable UUID id) {
        return endpoints.list(id).stream().map(WebhookEndpointView::of).toList();
    }

    @GetMapping("/{hookId}")
    public WebhookEndpointView get(@PathVariable UUID id, @PathVariable UUID hookId) {
        return WebhookEndpointView.of(endpoints.get(id, hookId));
    }

    @PutMapping("/{hookId}")
    public WebhookEndpointView update(@PathVariable UUID id, @PathVariable UUID hookId, @RequestBody WebhookEndpointSpec spec) {
        return WebhookEndpointView.of(endpoints.update(id, hookId, spec));
    }

    @DeleteMapping("/{hookId}")
    public ResponseEntity<Void> delete(@PathVariable UUID id, @PathVariable UUID hookId) {
        endpoints.delete(id, hookId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{hookId}/deliveries")
    public DeliveryPage deliveries(@PathVariable UUID id, @PathVariable UUID hookId,
                                   @RequestParam(required = false) DeliveryStatus status,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int limit) {
        if (limit < 1 || limit > WebhookDeliveries.MAX_PAGE_SIZE) {
            throw new InvalidParameterException("limit", "must be between 1 and " + WebhookDeliveries.MAX_PAGE_SIZE);
        }
        if (cursor != null && !WebhookDeliveries.isCursor(cursor)) {
            throw new InvalidParameterException("cursor", "must be the next of a page of this list");
        }
        return deliveries.list(id, hookId, status, cursor, limit);
    }

    @GetMapping("/{hookId}/deliveries/{deliveryId}")
    public WebhookDelivery delivery(@PathVariable UUID id, @PathVariable UUID hookId, @PathVariable UUID deliveryId) {
        return deliveries.get(id, hookId, deliveryId);
    }

    @PostMapping("/{hookId}/deliveries/{deliveryId}/redeliver")
    public ResponseEntity<WebhookDelivery> redeliver(@PathVariable UUID id, @PathVariable UUID hookId,
                                                     @PathVariable UUID deliveryId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(deliveries.redeliver(id, hookId, deliveryId));
    }
}
