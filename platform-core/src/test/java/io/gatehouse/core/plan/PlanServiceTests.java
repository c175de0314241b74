package io.gatehouse.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CoreTest
class PlanServiceTests {

    @Autowired
    ApiService apis;
    @Autowired
    PlanService plans;

    @Test
    void storesRateLimitsQuotaAndDefaults() {
        UUID apiId = api("/plans/v1");
        Plan plan = plans.create(apiId, new PlanSpec("Gold", PlanAuth.API_KEY,
                List.of(new RateLimit(10, "PT1S"), new RateLimit(1000, "PT1H")),
                new Quota(100_000, Quota.Period.MONTH, null), null, null, null));

        Plan stored = plans.get(plan.getId());
        assertThat(stored.getRateLimits()).containsExactly(new RateLimit(10, "PT1S"), new RateLimit(1000, "PT1H"));
        assertThat(stored.getQuota().onExceed()).isEqualTo(Quota.OnExceed.BLOCK);
        assertThat(stored.getApproval()).isEqualTo(Approval.AUTO);
        assertThat(stored.getPermissions()).containsExactly("SUBSCRIBE");
        assertThat(stored.getPricing().free()).isTrue();
        assertThat(stored.getPricing().effectiveFrom()).isNotNull();
    }

    @Test
    void pointsAtTheBrokenWindow() {
        UUID apiId = api("/plans/v2");
        PlanSpec bad = new PlanSpec("Gold", PlanAuth.API_KEY,
                List.of(new RateLimit(10, "PT1S"), new RateLimit(0, "one minute")), null, null, null, Map.of("model", "GRATIS"));

        assertThatThrownBy(() -> plans.create(apiId, bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer)
                        .containsExactlyInAnyOrder("/rateLimits/1/limit", "/rateLimits/1/period", "/pricing/model"));
    }

    @Test
    void storesTheExternalProviderOfAnOAuthPlan() {
        UUID apiId = api("/plans/v3");
        Plan plan = plans.create(apiId, new PlanSpec("Partner", PlanAuth.OAUTH2, null, null, null, null, null,
                new PlanOAuth("https://login.example.com", "partner-api", null, null)));

        assertThat(plans.get(plan.getId()).getOauth())
                .isEqualTo(new PlanOAuth("https://login.example.com", "partner-api", "client_id", null));
    }

    @Test
    void refusesProviderSettingsOnAKeyPlanAndBrokenOnes() {
        UUID apiId = api("/plans/v4");
        PlanSpec onKeys = new PlanSpec("Keys", PlanAuth.API_KEY, null, null, null, null, null,
                new PlanOAuth("https://login.example.com", "partner-api", null, null));
        PlanSpec broken = new PlanSpec("Broken", PlanAuth.OAUTH2, null, null, null, null, null,
                new PlanOAuth("login.example.com", " ", null, "ftp://keys"));

        assertThatThrownBy(() -> plans.create(apiId, onKeys))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/oauth"));
        assertThatThrownBy(() -> plans.create(apiId, broken))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer)
                        .containsExactlyInAnyOrder("/oauth/issuer", "/oauth/audience", "/oauth/jwksUri"));
    }

    @Test
    void keepsABurstAndRefusesANegativeOne() {
        UUID apiId = api("/plans/v5");
        Plan plan = plans.create(apiId, new PlanSpec("Burst", PlanAuth.API_KEY,
                List.of(new RateLimit(10, "PT1S", 20L)), null, null, null, null));
        assertThat(plans.get(plan.getId()).getRateLimits()).containsExactly(new RateLimit(10, "PT1S", 20L));

        PlanSpec bad = new PlanSpec("Negative", PlanAuth.API_KEY, List.of(new RateLimit(10, "PT1S", -1L)), null, null, null, null);
        assertThatThrownBy(() -> plans.create(apiId, bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/rateLimits/0/burst"));
    }

    @Test
    void setsAndValidatesBackendProtection() {
        UUID apiId = api("/plans/v6");
        plans.protectBackend(apiId, new RateLimits(List.of(new RateLimit(500, "PT1S"))));
        assertThat(plans.backendRateLimits(apiId)).containsExactly(new RateLimit(500, "PT1S"));

        assertThatThrownBy(() -> plans.protectBackend(apiId, new RateLimits(List.of(new RateLimit(500, "soon")))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/rateLimits/0/period"));
        plans.protectBackend(apiId, new RateLimits(List.of()));
        assertThat(plans.backendRateLimits(apiId)).isEmpty();
    }

    @Test
    void aPriceChangeAddsAVersionFromItsDayAndSupersedesLaterOnes() {
        UUID apiId = api("/plans/v7");
        Plan plan = plans.create(apiId, new PlanSpec("Metered", PlanAuth.API_KEY, null, null, null, null,
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001", "effectiveFrom", "2026-01-01")));
        PlanSpec renamed = new PlanSpec("Metered v2", PlanAuth.API_KEY, null, null, null, null, null);
        plans.update(plan.getId(), renamed);
        plans.update(plan.getId(), new PlanSpec("Metered v2", PlanAuth.API_KEY, null, null, null, null,
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001")));
        assertThat(plans.priceHistory(plan.getId())).hasSize(1);

        plans.update(plan.getId(), withPrice(renamed, "0.003", "2026-09-01"));
        plans.update(plan.getId(), withPrice(renamed, "0.002", "2026-06-15"));

        assertThat(plans.priceHistory(plan.getId()))
                .extracting(p -> p.effectiveFrom().toString() + "=" + p.unitPrice())
                .containsExactly("2026-01-01=0.001", "2026-06-15=0.002");
        Plan stored = plans.get(plan.getId());
        assertThat(stored.getName()).isEqualTo("Metered v2");
        assertThat(stored.getPricing().unitPrice()).isEqualByComparingTo("0.002");
        assertThat(stored.getPricing().effectiveFrom()).isEqualTo(java.time.LocalDate.of(2026, 6, 15));
    }

    @Test
    void pointsIntoTheTiersOfABrokenPrice() {
        UUID apiId = api("/plans/v8");
        PlanSpec bad = new PlanSpec("Tiers", PlanAuth.API_KEY, null, null, null, null, Map.of("model", "TIERED", "currency", "EUR",
                "tiers", List.of(Map.of("upTo", 100, "unitPrice", "0"), Map.of("upTo", 50, "unitPrice", "0.1"))));

        assertThatThrownBy(() -> plans.create(apiId, bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/pricing/tiers/1/upTo"));
    }

    private static PlanSpec withPrice(PlanSpec spec, String unitPrice, String effectiveFrom) {
        return new PlanSpec(spec.name(), spec.auth(), null, null, null, null,
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", unitPrice, "effectiveFrom", effectiveFrom));
    }

    private UUID api(String context) {
        return apis.create(new ApiSpec("Plans", "v1", context, ApiType.REST, "http://127.0.0.1:1", null, null, null, null, null)).getId();
    }
}
