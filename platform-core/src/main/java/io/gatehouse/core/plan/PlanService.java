package io.gatehouse.core.plan;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines, changes and closes the plans of an API. */
@Service
@Transactional
public class PlanService {

    private static final Set<String> PRICE_MODELS = Set.of("FREE", "FLAT", "PER_UNIT", "TIERED", "VOLUME");

    private final PlanRepository plans;
    private final BackendLimitRepository backendLimits;
    private final ApiService apis;
    private final InputValidator validator;

    public PlanService(PlanRepository plans, BackendLimitRepository backendLimits, ApiService apis, InputValidator validator) {
        this.plans = plans;
        this.backendLimits = backendLimits;
        this.apis = apis;
        this.validator = validator;
    }

    public Plan create(UUID apiId, PlanSpec spec) {
        validate(spec, apis.get(apiId));
        if (plans.existsByApiIdAndName(apiId, spec.name().strip())) {
            throw new ConflictException("this API already has a plan named " + spec.name().strip(), "/name");
        }
        return plans.saveAndFlush(Plan.open(apiId, spec));
    }

    public Plan update(UUID id, PlanSpec spec) {
        Plan plan = get(id);
        validate(spec, apis.get(plan.getApiId()));
        if (plans.existsByApiIdAndNameAndIdNot(plan.getApiId(), spec.name().strip(), id)) {
            throw new ConflictException("this API already has a plan named " + spec.name().strip(), "/name");
        }
        plan.apply(spec);
        return plans.saveAndFlush(plan);
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

    private void validate(PlanSpec spec, Api api) {
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
        if (spec != null && spec.pricing() != null && !PRICE_MODELS.contains(String.valueOf(spec.pricing().get("model")))) {
            extra.add(new FieldProblem("/pricing/model", "must be one of " + String.join(", ", PRICE_MODELS.stream().sorted().toList())));
        }
        if (spec != null && spec.streams() != null && api.getType() != ApiType.EVENT) {
            extra.add(new FieldProblem("/streams", "limits the streams of EVENT APIs; this API is " + api.getType()));
        }
        if (spec != null && spec.oauth() != null && spec.auth() != PlanAuth.OAUTH2) {
            extra.add(new FieldProblem("/oauth", "only an OAUTH2 plan trusts an OAuth provider"));
        }
        validator.check(spec, extra);
    }
}
