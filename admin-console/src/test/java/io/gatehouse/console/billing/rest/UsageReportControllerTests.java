package io.gatehouse.console.billing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UsageReportControllerTests extends ManagementApiTestSupport {

    static final String HEADER = "period_start,period_end,organization,application,api,plan,meter,quantity,unit_price,amount,currency";

    @Test
    void anEmptyPeriodIsTheHeaderRowInCsvAndAnEmptyArrayInJson() {
        var csv = admin().get("/api/v1/billing/usage-report?from=1980-01-01&to=1980-02-01", "text/csv").expect(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().toList()).singleElement().asString().startsWith(HEADER + ",subscription_id,");

        var json = admin().get("/api/v1/billing/usage-report?from=1980-01-01&to=1980-02-01", "application/json").expect(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().isArray()).isTrue();
        assertThat(json.json().size()).isZero();

        var anything = admin().get("/api/v1/billing/usage-report?from=1980-01-01&to=1980-02-01", "*/*").expect(200);
        assertThat(anything.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void billableRequestsAreOneRowPerOrganizationApplicationApiAndPlan() {
        String apiId = publish(createApi("billed"));
        String planId = createPlan(apiId, "AUTO");
        String organizationId = createOrganization();
        String applicationId = createApplication(organizationId);
        for (int i = 0; i < 3; i++) {
            insert(Instant.parse("1981-05-02T10:00:00Z"), apiId, planId, applicationId, organizationId, "ACCEPTED");
        }
        insert(Instant.parse("1981-05-02T10:00:00Z"), apiId, planId, applicationId, organizationId, "REJECTED");

        var csv = admin().get("/api/v1/billing/usage-report?from=1981-05-01&to=1981-06-01", "text/csv").expect(200);
        var lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(HEADER + ",");
        String[] row = lines.get(1).split(",", -1);
        assertThat(row[0]).startsWith("1981-05-01T00:00");
        assertThat(row[1]).startsWith("1981-06-01T00:00");
        assertThat(row[2]).startsWith("org-");
        assertThat(row[3]).startsWith("app-");
        assertThat(row[4]).isEqualTo("billed");
        assertThat(row[5]).isEqualTo("Gold");
        assertThat(row[6]).isEqualTo("REQUESTS");
        assertThat(row[7]).isEqualTo("3");

        JsonNode json = admin().get("/api/v1/billing/usage-report?from=1981-05-01T00:00:00Z&to=1981-06-01T00:00:00Z").expect(200).json();
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).get("quantity").asLong()).isEqualTo(3);
        assertThat(json.get(0).get("plan").asString()).isEqualTo("Gold");
    }

    @Test
    void missingOrBadDatesAreNamedEvenWhenCsvIsAsked() {
        var missing = admin().get("/api/v1/billing/usage-report?to=2026-12-01", "text/csv");
        missing.problem(400, "invalid-input");
        assertThat(missing.errorPointers()).containsExactly("from");
        var bad = admin().get("/api/v1/billing/usage-report?from=2026-11-01&to=december", "text/csv");
        bad.problem(400, "invalid-input");
        assertThat(bad.errorPointers()).containsExactly("to");
    }

    private void insert(Instant at, String apiId, String planId, String applicationId, String organizationId, String outcome) {
        jdbc.update("""
                insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id, outcome,
                                          billable, status)
                values (?, ?, 'CALL', ?, ?, ?, ?, ?, ?, 200)
                """, UUID.randomUUID(), Timestamp.from(at), UUID.fromString(apiId), UUID.fromString(planId),
                UUID.fromString(applicationId), UUID.fromString(organizationId), outcome, "ACCEPTED".equals(outcome));
    }
}
