package io.gatehouse.console.subscription.rest;

import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionSpec;
import io.gatehouse.core.subscription.SubscriptionAction;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Subscriptions: developers subscribe their applications and cancel; publishers approve, reject,
 * suspend and resume.
 */
@RestController
@RequestMapping("/api/v1")
public class SubscriptionController {

    private final SubscriptionService subscriptions;

    public SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping("/subscriptions")
    @PreAuthorize("hasRole('ADMIN') or (hasRole('DEVELOPER') and (#spec.applicationId() == null or @tenancy.ownsApplication(authentication, #spec.applicationId())))")
    public ResponseEntity<Subscription> subscribe(@RequestBody SubscriptionSpec spec) {
        Subscription subscription = subscriptions.subscribe(spec);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/subscriptions/{id}").buildAndExpand(subscription.getId()).toUri()).body(subscription);
    }

    @GetMapping("/subscriptions/{id}")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.ownsSubscription(authentication, #id))")
    public Subscription get(@PathVariable UUID id) {
        return subscriptions.get(id);
    }

    @GetMapping("/applications/{appId}/subscriptions")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING') or (hasRole('DEVELOPER') and @tenancy.ownsApplication(authentication, #appId))")
    public List<Subscription> listForApplication(@PathVariable UUID appId) {
        return subscriptions.listForApplication(appId);
    }

    @PostMapping("/subscriptions/{id}/approve")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Subscription approve(@PathVariable UUID id) {
        return subscriptions.apply(id, SubscriptionAction.APPROVE);
    }

    @PostMapping("/subscriptions/{id}/reject")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Subscription reject(@PathVariable UUID id) {
        return subscriptions.apply(id, SubscriptionAction.REJECT);
    }

    @PostMapping("/subscriptions/{id}/suspend")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Subscription suspend(@PathVariable UUID id) {
        return subscriptions.apply(id, SubscriptionAction.SUSPEND);
    }

    @PostMapping("/subscriptions/{id}/resume")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER')")
    public Subscription resume(@PathVariable UUID id) {
        return subscriptions.apply(id, SubscriptionAction.RESUME);
    }

    @PostMapping("/subscriptions/{id}/cancel")
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER') or (hasRole('DEVELOPER') and @tenancy.ownsSubscription(authentication, #id))")
    public Subscription cancel(@PathVariable UUID id) {
        return subscriptions.apply(id, SubscriptionAction.CANCEL);
    }
}
