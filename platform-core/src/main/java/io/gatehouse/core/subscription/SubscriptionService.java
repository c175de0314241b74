package io.gatehouse.core.subscription;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanState;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscribes applications to plans and moves subscriptions through their states. */
@Service
@Transactional
public class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final ApplicationService applications;
    private final PlanService plans;
    private final ApiService apis;
    private final InputValidator validator;

    public SubscriptionService(SubscriptionRepository subscriptions, ApplicationService applications, PlanService plans,
                               ApiService apis, InputValidator validator) {
        this.subscriptions = subscriptions;
        this.applications = applications;
        this.plans = plans;
        this.apis = apis;
        this.validator = validator;
    }

    public Subscription subscribe(SubscriptionSpec spec) {
        validator.check(spec);
        applications.get(spec.applicationId());
        Plan plan = plans.get(spec.planId());
        if (plan.getState() != PlanState.OPEN) {
            throw new ConflictException("the plan is closed to new subscriptions", "/planId");
        }
        Api api = apis.get(plan.getApiId());
        if (!api.getState().served()) {
            throw new ConflictException("the API is " + api.getState() + "; only published APIs take subscriptions", "/planId");
        }
        if (subscriptions.existsByApplicationIdAndPlanIdAndStatusIn(spec.applicationId(), spec.planId(),
                SubscriptionStatus.LIVE)) {
            throw new ConflictException("the application already subscribes to this plan", "/planId");
        }
        return subscriptions.saveAndFlush(
                Subscription.request(spec.applicationId(), spec.planId(), plan.getApproval() == Approval.MANUAL));
    }

    public Subscription apply(UUID id, SubscriptionAction action) {
        Subscription subscription = get(id);
        subscription.apply(action);
        return subscriptions.saveAndFlush(subscription);
    }

    @Transactional(readOnly = true)
    public Subscription get(UUID id) {
        return subscriptions.findById(id).orElseThrow(() -> new NotFoundException("subscription", id));
    }

    @Transactional(readOnly = true)
    public List<Subscription> listForApplication(UUID applicationId) {
        applications.get(applicationId);
        return subscriptions.findByApplicationIdOrderByCreatedAt(applicationId);
    }
}
