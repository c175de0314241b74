package io.gatehouse.console.usage.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.analytics.rollup.MinuteRollupPurge;
import io.gatehouse.console.ManagementApiTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class UsageControllerTests extends ManagementApiTestSupport {

    @Autowired
    MinuteRollupPurge minutePurge;

    @Test
    void anEmptyWindowHasNoUsage() {
        assertThat(admin().get("/api/v1/usage?from=1990-01-01&to=1990-02-01").expect(200).json().isArray()).isTrue();
        assertThat(admin().get("/api/v1/usage?from=1990-01-01&to=1990-02-01").json().size()).isZero();
        assertThat(admin().get("/api/v1/usage").expect(200).json().isArray()).isTrue();
    }

    @Test
    void usageIsCountedPerApiAndApplication() {
        String apiId = publish(createApi("metered"));
        String planId = createPlan(apiId, "AUTO");
        String organizationId = createOrganization();
        String applicationId = createApplication(organizationId);
        Instant at = Instant.parse("1991-03-10T12:00:00Z");
        insert(at, apiId, planId, applicationId, organizationId, "CALL", "ACCEPTED", 200, 100, 1000);
        insert(at, apiId, planId, applicationId, organizationId, "CALL", "ACCEPTED", 200, 100, 1000);
        insert(at, apiId, planId, applicationId, organizationId, "CALL", "REJECTED", 429, 50, 0);
        insert(at, apiId, planId, applicationId, organizationId, "CALL", "FAILED", 502, 50, 0);
        insert(Instant.parse("1991-04-01T00:00:00Z"), apiId, planId, applicationId, organizationId, "CALL", "ACCEPTED", 200, 1, 1);

        JsonNode usage = admin().get("/api/v1/usage?from=1991-03-01T00:00:00Z&to=1991-04-01&groupBy=api,application")
                .expect(200).json();
        assertThat(usage.size()).isEqualTo(1);
        JsonNode row = usage.get(0);
        assertThat(row.get("apiId").asString()).isEqualTo(apiId);
        assertThat(row.get("api").asString()).isEqualTo("metered");
        assertThat(row.get("applicationId").asString()).isEqualTo(applicationId);
        assertThat(row.get("application").asString()).startsWith("app-");
        assertThat(row.get("requests").asLong()).isEqualTo(4);
        assertThat(row.get("accepted").asLong()).isEqualTo(2);
        assertThat(row.get("rejected").asLong()).isEqualTo(1);
        assertThat(row.get("errors").asLong()).isEqualTo(1);
        assertThat(row.get("events").asLong()).isZero();
        assertThat(row.get("bytes").asLong()).isEqualTo(2300);

        JsonNode perApi = admin().get("/api/v1/usage?from=1991-03-01&to=1991-05-01&groupBy=api").expect(200).json();
        assertThat(perApi.size()).isEqualTo(1);
        assertThat(perApi.get(0).get("requests").asLong()).isEqualTo(5);
        assertThat(perApi.get(0).get("applicationId").isNull()).isTrue();
    }

    @Test
    void badParametersAreNamed() {
        var badFrom = admin().get("/api/v1/usage?from=yesterday&to=2026-12-01");
        badFrom.problem(400, "invalid-input");
        assertThat(badFrom.errorPointers()).containsExactly("from");
        var badTo = admin().get("/api/v1/usage?from=2026-11-01&to=2026-13-01");
        badTo.problem(400, "invalid-input");
        assertThat(badTo.errorPointers()).containsExactly("to");
        var reversed = admin().get("/api/v1/usage?from=2026-12-01&to=2026-11-01");
        reversed.problem(400, "invalid-input");
        assertThat(reversed.errorPointers()).containsExactly("to");
        var badGroup = admin().get("/api/v1/usage?from=2026-11-01&to=2026-12-01&groupBy=api,planet");
        badGroup.problem(400, "invalid-input");
        assertThat(badGroup.errorPointers()).containsExactly("groupBy");
    }

    @Test
    void aRangeNeedingPurgedMinutesNamesItsParameter() {
        minutePurge.purgeBefore(Instant.parse("1970-01-02T00:00:00Z"));
        try {
            var from = admin().get("/api/v1/usage?from=1970-01-01T09:30:00Z&to=1970-01-01T12:00:00Z");
            from.problem(400, "invalid-input");
            assertThat(from.errorPointers()).containsExactly("from");
            var to = admin().get("/api/v1/usage?from=1970-01-01T09:00:00Z&to=1970-01-01T11:59:00Z");
            to.problem(400, "invalid-input");
            assertThat(to.errorPointers()).containsExactly("to");
            admin().get("/api/v1/usage?from=1970-01-01T09:00:00Z&to=1970-01-01T12:00:00Z").expect(200);
        } finally {
            jdbc.update("update usage_ledger_state set minutes_kept_from = '-infinity'");
        }
    }

    private void insert(Instant at, String apiId, String planId, String applicationId, String organizationId, String kind,
                        String outcome, int status, long requestBytes, long responseBytes) {
        jdbc.update("""
                insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id, outcome,
                                          billable, method, path, status, request_bytes, response_bytes, latency_micros)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'GET', '/pets', ?, ?, ?, 1000)
                """, UUID.randomUUID(), Timestamp.from(at), kind, UUID.fromString(apiId), UUID.fromString(planId),
                UUID.fromString(applicationId), UUID.fromString(organizationId), outcome, "ACCEPTED".equals(outcome), status,
                requestBytes, responseBytes);
    }
}
