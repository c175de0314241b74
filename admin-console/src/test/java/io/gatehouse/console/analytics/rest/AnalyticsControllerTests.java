package io.gatehouse.console.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.analytics.rollup.MinuteRollupPurge;
import io.gatehouse.console.ManagementApiTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AnalyticsControllerTests extends ManagementApiTestSupport {

    static final String DAY = "from=1992-06-01&to=1992-06-02";
    static final Instant NINE = Instant.parse("1992-06-01T09:00:00Z");

    @Autowired
    MinuteRollupPurge minutePurge;

    String apiId;
    String organizationId;
    String ownApplication;
    String otherOrganization;
    String foreignApplication;

    @BeforeEach
    void traffic() {
        apiId = publish(createApi("dash"));
        String planId = createPlan(apiId, "AUTO");
        organizationId = createOrganization();
        ownApplication = createApplication(organizationId);
        otherOrganization = createOrganization();
        foreignApplication = createApplication(otherOrganization);
        insert(3, ownApplication, organizationId, planId, "CALL", "ACCEPTED", 200, 2_000);
        insert(1, ownApplication, organizationId, planId, "CALL", "REJECTED", 429, 100);
        insert(5, foreignApplication, otherOrganization, planId, "CALL", "ACCEPTED", 200, 50_000);
        insert(2, foreignApplication, otherOrganization, planId, "EVENT", "ACCEPTED", 200, 0);
    }

    @Test
    void staffSeeEveryOrganizationsUsage() {
        JsonNode overview = admin().get("/api/v1/analytics/overview?" + DAY + "&apiId=" + apiId).expect(200).json();

        assertThat(overview.at("/calls/total").asLong()).isEqualTo(9);
        assertThat(overview.at("/calls/rejected").asLong()).isEqualTo(1);
        assertThat(overview.at("/calls/byStatusClass/2xx").asLong()).isEqualTo(8);
        assertThat(overview.at("/events/delivered").asLong()).isEqualTo(2);
        assertThat(overview.at("/latency/calls").asLong()).isEqualTo(8);
        assertThat(overview.at("/latency/p99Micros").asLong()).isBetween(42_170L, 56_234L);
        JsonNode top = newUser("BILLING", null).get("/api/v1/analytics/top-applications?" + DAY + "&apiId=" + apiId)
                .expect(200).json();
        assertThat(top.size()).isEqualTo(2);
        assertThat(top.get(0).get("id").asString()).isEqualTo(foreignApplication);
        assertThat(top.get(0).get("requests").asLong()).isEqualTo(5);
        assertThat(top.get(0).get("events").asLong()).isEqualTo(2);
    }

    @Test
    void aDeveloperSeesTheirOrganizationsApplicationsOnly() {
        Client developer = newUser("DEVELOPER", organizationId);

        JsonNode overview = developer.get("/api/v1/analytics/overview?" + DAY).expect(200).json();
        assertThat(overview.at("/calls/total").asLong()).isEqualTo(4);
        assertThat(overview.at("/events/total").asLong()).isZero();
        JsonNode apis = developer.get("/api/v1/analytics/top-apis?" + DAY).expect(200).json();
        assertThat(apis.size()).isEqualTo(1);
        assertThat(apis.get(0).get("requests").asLong()).isEqualTo(4);
        assertThat(developer.get("/api/v1/analytics/top-applications?" + DAY).expect(200).json().get(0).get("id").asString())
                .isEqualTo(ownApplication);
        developer.get("/api/v1/analytics/overview?" + DAY + "&applicationId=" + ownApplication).expect(200);
        developer.get("/api/v1/analytics/overview?" + DAY + "&applicationId=" + foreignApplication).problem(403, "forbidden");
        developer.get("/api/v1/analytics/timeseries?" + DAY + "&applicationId=" + UUID.randomUUID()).problem(403, "forbidden");
        anonymous().get("/api/v1/analytics/overview?" + DAY).expect(401);
    }

    @Test
    void aTimeSeriesHasOnePointPerBucket() {
        JsonNode series = admin().get("/api/v1/analytics/timeseries?" + DAY + "&apiId=" + apiId).expect(200).json();

        assertThat(series.get("granularity").asString()).isEqualTo("HOUR");
        assertThat(series.get("points").size()).isEqualTo(24);
        JsonNode nine = series.get("points").get(9);
        assertThat(nine.get("start").asString()).isEqualTo("1992-06-01T09:00:00Z");
        assertThat(nine.get("requests").asLong()).isEqualTo(9);
        assertThat(nine.get("events").asLong()).isEqualTo(2);
        assertThat(nine.get("clientErrors").asLong()).isEqualTo(1);
        assertThat(series.get("points").get(10).get("latency").isNull()).isTrue();
        JsonNode minutes = admin().get("/api/v1/analytics/timeseries?from=1992-06-01T09:00:00Z&to=1992-06-01T10:00:00Z"
                + "&granularity=minute&apiId=" + apiId).expect(200).json();
        assertThat(minutes.get("points").size()).isEqualTo(60);
    }

    @Test
    void badParametersAreNamed() {
        var granularity = admin().get("/api/v1/analytics/timeseries?" + DAY + "&granularity=week");
        granularity.problem(400, "invalid-input");
        assertThat(granularity.errorPointers()).containsExactly("granularity");
        var tooFine = admin().get("/api/v1/analytics/timeseries?from=1992-01-01&to=1992-06-01&granularity=minute");
        tooFine.problem(400, "invalid-input");
        assertThat(tooFine.errorPointers()).containsExactly("granularity");
        var limit = admin().get("/api/v1/analytics/top-apis?" + DAY + "&limit=0");
        limit.problem(400, "invalid-input");
        assertThat(limit.errorPointers()).containsExactly("limit");
        var api = admin().get("/api/v1/analytics/overview?" + DAY + "&apiId=petstore");
        api.problem(400, "invalid-input");
        assertThat(api.errorPointers()).containsExactly("apiId");
        var reversed = admin().get("/api/v1/analytics/overview?from=1992-06-02&to=1992-06-01");
        assertThat(reversed.errorPointers()).containsExactly("to");
    }

    @Test
    void aQuestionNeedingPurgedMinutesNamesItsParameter() {
        minutePurge.purgeBefore(Instant.parse("1970-01-02T00:00:00Z"));
        try {
            var from = admin().get("/api/v1/analytics/overview?from=1970-01-01T09:30:00Z&to=1970-01-01T12:00:00Z");
            assertThat(from.problem(400, "invalid-input").at("/errors/0/detail").asString()).isEqualTo("must be a whole hour"
                    + " this far back: minute precision is kept for 36500 days (gatehouse.usage.minute-rollup-retention) and"
                    + " minutes before 1970-01-02T00:00:00Z have been purged");
            assertThat(from.errorPointers()).containsExactly("from");
            var minutes = admin().get("/api/v1/analytics/timeseries?from=1970-01-01T09:00:00Z&to=1970-01-01T10:00:00Z"
                    + "&granularity=minute");
            minutes.problem(400, "invalid-input");
            assertThat(minutes.errorPointers()).containsExactly("granularity");
            admin().get("/api/v1/analytics/overview?from=1970-01-01T09:00:00Z&to=1970-01-02T00:30:00Z").expect(200);
            var hours = admin().get("/api/v1/analytics/timeseries?from=1970-01-01T09:00:00Z&to=1970-01-01T10:00:00Z")
                    .expect(200).json();
            assertThat(hours.get("granularity").asString()).isEqualTo("HOUR");
        } finally {
            jdbc.update("update usage_ledger_state set minutes_kept_from = '-infinity'");
        }
    }

    @Test
    void onlyAdminsRebuildRollups() {
        JsonNode rebuilt = admin().post("/api/v1/usage/rollups/rebuild?from=1992-06-01T09:00:00Z&to=1992-06-01T10:00:00Z", "")
                .expect(200).json();
        assertThat(rebuilt.get("from").asString()).isEqualTo("1992-06-01T00:00:00Z");
        assertThat(rebuilt.get("days").asInt()).isEqualTo(1);
        assertThat(admin().get("/api/v1/analytics/overview?" + DAY + "&apiId=" + apiId).json().at("/calls/total").asLong())
                .isEqualTo(9);
        newUser("PUBLISHER", null).post("/api/v1/usage/rollups/rebuild?" + DAY, "").problem(403, "forbidden");
    }

    private void insert(int count, String applicationId, String organizationId, String planId, String kind, String outcome,
                        int status, long latencyMicros) {
        for (int i = 0; i < count; i++) {
            jdbc.update("""
                    insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id, outcome,
                                              billable, method, path, status, request_bytes, response_bytes, latency_micros)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'GET', '/dash', ?, 10, 100, ?)
                    """, UUID.randomUUID(), Timestamp.from(NINE.plusSeconds(i)), kind, UUID.fromString(apiId),
                    UUID.fromString(planId), UUID.fromString(applicationId), UUID.fromString(organizationId), outcome,
                    "ACCEPTED".equals(outcome), status, latencyMicros);
        }
    }
}
