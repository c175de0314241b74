package io.gatehouse.core.plan;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.pricing.ClosedPeriodGuard;
import io.gatehouse.core.pricing.PlanPrices;
import io.gatehouse.core.pricing.Pricing;
import io.gatehouse.core.pricing.PricingParser;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Defines, changes and closes the plans of an API. A plan's price is versioned: every change of its
 * terms is recorded from a day on ({@code pricing.effectiveFrom}, today when absent) and never from a
 * day of a closed billing period ({@link ClosedPeriodGuard}).
 */
@Service
@Transactional
public class PlanService {

    private final PlanRepository plans;
    private final BackendLimitRepository backendLimits;
    private final PlanPrices prices;
    private final ApiService apis;
    private final InputValidator validator;
    private final ObjectProvider<ClosedPeriodGuard> closedPeriods;
    private final Clock clock;

    public PlanService(PlanRepository plans, BackendLimitRepository backendLimits, PlanPrices prices, ApiService apis,
                       InputValidator validator, ObjectProvider<ClosedPeriodGuard> closedPeriods, ObjectProvider<Clock> clock) {
        this.plans = plans;
        this.backendLimits = backendLimits;
        this.prices = prices;
        this.apis = apis;
        this.validator = validator;
        this.closedPeriods = closedPeriods;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    public Plan create(UUID apiId, PlanSpec spec) {
        Pricing pricing = validate(spec, apis.get(apiId));
        if (plans.existsByApiIdAndName(apiId, spec.name().strip())) {
            throw new ConflictException("this API already has a plan named " + spec.name().strip(), "/name");
        }
        Pricing first = (pricing == null ? Pricing.FREE : pricing).withEffectiveFrom(effectiveDay(pricing));
        Plan plan = plans.saveAndFlush(Plan.open(apiId, spec, first));
        prices.record(plan.getId(), first);
        return plan;
    }

    /** Changes a plan; a {@code pricing} with new terms (or a new effective day) adds a price version, none keeps the price. */
    public Plan update(UUID id, PlanSpec spec) {
        Plan plan = get(id);
        Pricing pricing = validate(spec, apis.get(plan.getApiId()));
        if (plans.existsByApiIdAndNameAndIdNot(plan.getApiId(), spec.name().strip(), id)) {
            throw new ConflictException("this API already has a plan named " + spec.name().strip(), "/name");
        }
        plan.apply(spec);
        if (pricing != null && isChange(plan.getPricing(), pricing)) {
            Pricing version = pricing.withEffectiveFrom(effectiveDay(pricing));
            closedPeriods.ifAvailable(guard -> guard.requireOpen(version.effectiveFrom()));
            plan.reprice(version);
            prices.record(id, version);
        }
        return plans.saveAndFlush(plan);
    }

    /** The plan's price versions, oldest first. */
    @Transactional(readOnly = true)
    public List<Pricing> priceHistory(UUID id) {
        get(id);
        return prices.history(id).versions();
    }

    private static boolean isChange(Pricing current, Pricing requested) {
        return !requested.sameTermsAs(current)
                || requested.effectiveFrom() != null && !requested.effectiveFrom().equals(current.effectiveFrom());
    }

    private LocalDate effectiveDay(Pricing pricing) {
        return pricing != null && pricing.effectiveFrom() != null ? pricing.effectiveFrom() : LocalDate.now(clock);
    }

    public Plan close(UUID id) {
        Plan plan = get(id);
        plan.close();
        return plans.saveAndFlush(plan);
    }

    /**
     * Sets the API's backend protection: windows on all its consumers together, whatever their plan.
     * An empty list removes it.
     */
    public BackendLimit protectBackend(UUID apiId, RateLimits limits) {
        apis.get(apiId);
        validator.check(limits, limits == null ? List.of() : RateLimit.periodProblems("/rateLimits", limits.rateLimits()));
        BackendLimit backend = backendLimits.findById(apiId).orElseGet(() -> BackendLimit.of(apiId));
        backend.change(limits.rateLimits());
        return backendLimits.saveAndFlush(backend);
    }

    @Transactional(readOnly = true)
    public List<RateLimit> backendRateLimits(UUID apiId) {
        apis.get(apiId);
        return backendLimits.findById(apiId).map(BackendLimit::getRateLimits).orElse(List.of());
    }

    @Transactional(readOnly = true)
    public Plan get(UUID id) {
        return plans.findById(id).orElseThrow(() -> new NotFoundException("plan", id));
    }

    @Transactional(readOnly = true)
    public List<Plan> listForApi(UUID apiId) {
        apis.get(apiId);
        return plans.findByApiIdOrderByCreatedAt(apiId);
    }

    /** Checks the spec; returns its pricing, {@code null} when it gives none. */
    private Pricing validate(PlanSpec spec, Api api) {
        List<FieldProblem> extra = new ArrayList<>();
        if (spec != null && spec.permissions() != null && api.getType() != ApiType.EVENT) {
            for (int i = 0; i < spec.permissions().size(); i++) {
                if (spec.permissions().get(i) == PlanSpec.Permission.PUBLISH) {
                    extra.add(new FieldProblem("/permissions/" + i, "PUBLISH is a permission on the channels of EVENT APIs; this API is "
                            + api.getType()));
                }
            }
        }
        if (spec != null) {
            extra.addAll(RateLimit.periodProblems("/rateLimits", spec.rateLimits()));
        }
        PricingParser.Result pricing = spec == null || spec.pricing() == null ? null : PricingParser.parse(spec.pricing(), "/pricing");
        if (pricing != null) {
            extra.addAll(pricing.problems());
        }
        if (spec != null && spec.streams() != null && api.getType() != ApiType.EVENT) {
            extra.add(new FieldProblem("/streams", "limits the streams of EVENT APIs; this API is " + api.getType()));
        }
        if (spec != null && spec.oauth() != null && spec.auth() != PlanAuth.OAUTH2) {
            extra.add(new FieldProblem("/oauth", "only an OAUTH2 plan trusts an OAuth provider"));
        }
        validator.check(spec, extra);
        return pricing == null ? null : pricing.pricing();
    }
}
