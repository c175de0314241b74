package io.gatehouse.analytics;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionSpec;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test fixture: builds registry rows through the platform-core services, as the console would, and
 * writes usage records straight into the ledger table, as the gateway's sink would.
 */
@TestComponent
public class Ledger {

    /** Who a usage record is attributed to; {@code application} and {@code subscription} may be null. */
    public record Caller(Api api, Plan plan, Application application, Subscription subscription) {
    }

    private final JdbcTemplate jdbc;
    private final ApiService apis;
    private final PlanService plans;
    private final OrganizationService organizations;
    private final ApplicationService applications;
    private final SubscriptionService subscriptions;

    public Ledger(JdbcTemplate jdbc, ApiService apis, PlanService plans, OrganizationService organizations,
                  ApplicationService applications, SubscriptionService subscriptions) {
        this.jdbc = jdbc;
        this.apis = apis;
        this.plans = plans;
        this.organizations = organizations;
        this.applications = applications;
        this.subscriptions = subscriptions;
    }

    /** Empties the ledger, its rollups and the registry, so each test starts from nothing. */
    public void clear() {
        jdbc.execute("truncate usage_record, usage_rollup_minute, usage_rollup_hour, usage_rollup_day, usage_rollup_api_minute,"
                + " usage_rollup_api_hour, usage_rollup_api_day, subscription, api_key, oauth_client, application, console_user,"
                + " organization, plan, api, invoice, billing_period, document_number cascade");
        jdbc.update("update usage_ledger_state set raw_kept_from = '-infinity', minutes_kept_from = '-infinity'");
    }

    public Api publishedApi(String name, String context) {
        Api api = apis.create(new ApiSpec(name, "v1", context, ApiType.REST, "http://127.0.0.1:9101", null, null, null, null, null));
        return apis.changeState(api.getId(), ApiState.PUBLISHED);
    }

    public Plan plan(Api api, String name, Map<String, Object> pricing) {
        return plans.create(api.getId(), new PlanSpec(name, PlanAuth.API_KEY, List.of(), null, null, null, pricing));
    }

    public Organization organization(String name) {
        return organizations.create(new OrganizationSpec(name));
    }

    public Application application(Organization organization, String name) {
        return applications.create(organization.getId(), new ApplicationSpec(name));
    }

    public Caller subscribe(Application application, Plan plan) {
        Subscription subscription = subscriptions.subscribe(new SubscriptionSpec(application.getId(), plan.getId()));
        return new Caller(apis.get(plan.getApiId()), plan, application, subscription);
    }

    /** Moves a subscription's binding span, as if it had started (and ended) then. */
    public Caller bound(Caller caller, Instant startedAt, Instant endedAt) {
        jdbc.update("update subscription set started_at = ?, ended_at = ?, status = ? where id = ?",
                OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC),
                endedAt == null ? null : OffsetDateTime.ofInstant(endedAt, ZoneOffset.UTC),
                endedAt == null ? "ACTIVE" : "CANCELLED", caller.subscription().getId());
        return new Caller(caller.api(), caller.plan(), caller.application(), subscriptions.get(caller.subscription().getId()));
    }

    /** A caller the gateway could not identify (no or a bad key) on {@code plan}'s API. */
    public Caller anonymous(Plan plan) {
        return new Caller(apis.get(plan.getApiId()), plan, null, null);
    }

    public void calls(int count, Caller caller, Instant at, Outcome outcome, int status) {
        record(count, UsageKind.CALL, caller, at, outcome, status, 100, 1000);
    }

    public void events(int count, Caller caller, Instant at) {
        record(count, UsageKind.EVENT, caller, at, Outcome.ACCEPTED, 200, 0, 250);
    }

    public void record(int count, UsageKind kind, Caller caller, Instant at, Outcome outcome, int status,
                       long requestBytes, long responseBytes) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {
                    UUID.randomUUID(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC), kind.name(), caller.api().getId(),
                    outcome == Outcome.REJECTED && caller.application() == null ? null : caller.plan().getId(),
                    caller.application() == null ? null : caller.application().getId(),
                    caller.application() == null ? null : caller.application().getOrganizationId(),
                    caller.subscription() == null ? null : caller.subscription().getId(),
                    outcome.name(), outcome.billable(), "GET", "/pets", status, requestBytes, responseBytes,
                    1500L, "req-" + i, "test-node"});
        }
        jdbc.batchUpdate("""
                insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id,
                    subscription_id, outcome, billable, method, path, status, request_bytes, response_bytes,
                    latency_micros, request_id, gateway_node)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows);
    }
}
