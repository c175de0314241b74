package io.gatehouse.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.analytics.Ledger;
import io.gatehouse.analytics.Ledger.Caller;
import io.gatehouse.analytics.rollup.Grain;
import io.gatehouse.analytics.rollup.MinuteRollupPurge;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.plan.Plan;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@AnalyticsTest
class DashboardServiceTests {

    static final Instant DAY = Instant.parse("2026-11-10T00:00:00Z");
    static final Instant NINE = DAY.plus(9, ChronoUnit.HOURS);
    static final Instant TEN = DAY.plus(10, ChronoUnit.HOURS);

    @Autowired
    DashboardService dashboards;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MinuteRollupPurge minutePurge;

    Api petstore;
    Api streetlights;
    Caller mobile;
    Caller web;
    Caller partner;

    @BeforeEach
    void traffic() {
        ledger.clear();
        petstore = ledger.publishedApi("Petstore", "/petstore/v1");
        streetlights = ledger.publishedApi("Streetlights", "/streetlights/v1");
        Plan gold = ledger.plan(petstore, "Gold", Map.of("model", "FREE"));
        Plan streams = ledger.plan(streetlights, "Streams", Map.of("model", "FREE"));
        Organization acme = ledger.organization("Acme");
        Organization globex = ledger.organization("Globex");
        mobile = ledger.subscribe(ledger.application(acme, "mobile"), gold);
        web = ledger.subscribe(ledger.application(acme, "web"), gold);
        partner = ledger.subscribe(ledger.application(globex, "partner"), gold);
        Caller lights = ledger.subscribe(mobile.application(), streams);

        record(50, mobile, NINE.plusSeconds(30), "CALL", "ACCEPTED", "GET", "/pets/{petId}", 200, 1_000);
        record(45, mobile, NINE.plusSeconds(90), "CALL", "ACCEPTED", "GET", "/pets", 200, 10_000);
        record(3, mobile, TEN.plusSeconds(5), "CALL", "FAILED", "GET", "/pets", 504, 100_000);
        record(2, web, TEN.plusSeconds(5), "CALL", "ACCEPTED", "POST", "/pets", 500, 100_000);
        record(10, web, TEN.plusSeconds(10), "CALL", "REJECTED", "GET", "/pets", 429, 50);
        record(4, partner, TEN.plusSeconds(10), "CALL", "ACCEPTED", "GET", "/pets", 404, 2_000);
        record(7, lights, NINE.plusSeconds(10), "EVENT", "ACCEPTED", "PUBLISH", "lights/measured", 202, 0);
        record(20, lights, NINE.plusSeconds(20), "EVENT", "ACCEPTED", "DELIVER", "lights/measured", 200, 0);
        record(3, lights, NINE.plusSeconds(20), "EVENT", "REJECTED", "DELIVER", "lights/measured", 503, 0);
        record(1, mobile, DAY.plus(1, ChronoUnit.DAYS), "CALL", "ACCEPTED", "GET", "/pets", 200, 1_000);
    }

    @Test
    void theOverviewCountsCallsByOutcomeAndStatusClassAndEventsByFate() {
        UsageOverview overview = dashboards.overview(DashboardFilter.of(DAY, DAY.plus(1, ChronoUnit.DAYS)));

        assertThat(overview.calls()).isEqualTo(new UsageOverview.Calls(114, 101, 10, 3,
                Map.of("2xx", 95L, "4xx", 14L, "5xx", 5L)));
        assertThat(overview.events()).isEqualTo(new UsageOverview.Events(30, 7, 20, 3));
        assertThat(overview.bytes()).isEqualTo(new UsageOverview.Bytes(144 * 100, 144 * 1_000));
        assertThat(overview.latency().calls()).isEqualTo(104);
        assertThat(overview.latency().p50Micros()).isBetween(1_778L, 2_371L);
        assertThat(overview.latency().p99Micros()).isBetween(100_000L, 133_352L);
    }

    @Test
    void latencyPercentilesComeFromTheHistogramsOfCallsThatPassedThePolicies() {
        UsageOverview nine = dashboards.overview(DashboardFilter.of(NINE, TEN));

        assertThat(nine.latency().calls()).isEqualTo(95);
        assertThat(nine.latency().p50Micros()).isBetween(1_000L, 1_334L);
        assertThat(nine.latency().p95Micros()).isBetween(10_000L, 13_335L);
        assertThat(dashboards.overview(DashboardFilter.of(TEN.plusSeconds(5), TEN.plusSeconds(6))).latency()).isNull();
    }

    @Test
    void aSeriesHasEveryBucketOfItsGranularityEmptyOnesIncluded() {
        TrafficSeries hourly = dashboards.series(DashboardFilter.of(DAY, DAY.plus(1, ChronoUnit.DAYS)), null);

        assertThat(hourly.granularity()).isEqualTo(Grain.HOUR);
        assertThat(hourly.points()).hasSize(24);
        TrafficSeries.Point nine = hourly.points().get(9);
        assertThat(nine.start()).isEqualTo(NINE);
        assertThat(nine).extracting(TrafficSeries.Point::requests, TrafficSeries.Point::events,
                TrafficSeries.Point::droppedEvents).containsExactly(95L, 30L, 3L);
        TrafficSeries.Point ten = hourly.points().get(10);
        assertThat(ten).extracting(TrafficSeries.Point::requests, TrafficSeries.Point::clientErrors,
                TrafficSeries.Point::serverErrors).containsExactly(19L, 14L, 5L);
        assertThat(ten.latency().calls()).isEqualTo(9);
        assertThat(hourly.points().get(11)).isEqualTo(new TrafficSeries.Point(DAY.plus(11, ChronoUnit.HOURS), 0, 0, 0, 0, 0, null));

        TrafficSeries minutes = dashboards.series(DashboardFilter.of(NINE, NINE.plus(5, ChronoUnit.MINUTES)), null);
        assertThat(minutes.granularity()).isEqualTo(Grain.MINUTE);
        assertThat(minutes.points()).extracting(TrafficSeries.Point::requests).containsExactly(50L, 45L, 0L, 0L, 0L);
        assertThat(dashboards.series(DashboardFilter.of(DAY, DAY.plus(30, ChronoUnit.DAYS)), null).granularity())
                .isEqualTo(Grain.DAY);
    }

    @Test
    void aSeriesTooFineForItsRangeIsRefused() {
        assertThatThrownBy(() -> dashboards.series(DashboardFilter.of(DAY, DAY.plus(2, ChronoUnit.DAYS)), Grain.MINUTE))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems().getFirst().pointer()).isEqualTo("/granularity"));
    }

    @Test
    void theBusiestApplicationsApisAndOperationsComeFirst() {
        DashboardFilter day = DashboardFilter.of(DAY, DAY.plus(1, ChronoUnit.DAYS));

        assertThat(dashboards.topApplications(day, 10)).extracting(TopEntry::name, TopEntry::requests, TopEntry::events,
                TopEntry::errors).containsExactly(
                tuple("mobile", 98L, 30L, 3L),
                tuple("web", 12L, 0L, 12L),
                tuple("partner", 4L, 0L, 4L));
        assertThat(dashboards.topApplications(day, 1)).hasSize(1);
        assertThat(dashboards.topApis(day, 10)).extracting(TopEntry::id).containsExactly(petstore.getId(), streetlights.getId());
        assertThat(dashboards.topOperations(day.forApi(petstore.getId()), 2)).extracting(TopEntry::name, TopEntry::requests)
                .containsExactly(tuple("GET /pets", 62L),
                        tuple("GET /pets/{petId}", 50L));
        assertThatThrownBy(() -> dashboards.topApis(day, 0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void filtersNarrowToOneOrganizationApiOrApplication() {
        DashboardFilter day = DashboardFilter.of(DAY, DAY.plus(1, ChronoUnit.DAYS));

        assertThat(dashboards.overview(day.forOrganization(partner.application().getOrganizationId())).calls().total()).isEqualTo(4);
        assertThat(dashboards.topApplications(day.forOrganization(mobile.application().getOrganizationId()), 10))
                .extracting(TopEntry::name).containsExactly("mobile", "web");
        assertThat(dashboards.overview(day.forApi(streetlights.getId())).calls().total()).isZero();
        assertThat(dashboards.overview(day.forApplication(web.application().getId())).calls().total()).isEqualTo(12);
        assertThat(dashboards.overview(day.forApi(UUID.randomUUID())).events().total()).isZero();
    }

    @Test
    void aQuestionNeedingPurgedMinutesIsRefusedNamingItsParameter() {
        minutePurge.purgeBefore(DAY.plus(1, ChronoUnit.DAYS));

        assertRefused(() -> dashboards.overview(DashboardFilter.of(NINE.plusSeconds(60), DAY.plus(1, ChronoUnit.DAYS))), "/from");
        assertRefused(() -> dashboards.topApis(DashboardFilter.of(DAY, TEN.plusSeconds(60)), 10), "/to");
        assertRefused(() -> dashboards.overview(DashboardFilter.of(NINE, NINE.plusSeconds(1_800))), "/to");
        assertRefused(() -> dashboards.topApplications(DashboardFilter.of(NINE.plusSeconds(60), NINE.plusSeconds(120)), 10),
                "/from");
        assertRefused(() -> dashboards.series(DashboardFilter.of(NINE, TEN), Grain.MINUTE), "/granularity");
    }

    @Test
    void wholeHoursBeforePurgedMinutesAreAnsweredExactly() {
        DashboardFilter acrossTheCutoff = DashboardFilter.of(TEN, DAY.plus(1, ChronoUnit.DAYS).plusSeconds(1_800));
        UsageOverview expected = dashboards.overview(acrossTheCutoff);

        minutePurge.purgeBefore(DAY.plus(1, ChronoUnit.DAYS));

        assertThat(jdbc.queryForObject("select count(*) from usage_rollup_minute where bucket_start < ?", Long.class,
                Timestamp.from(DAY.plus(1, ChronoUnit.DAYS)))).isZero();
        assertThat(dashboards.overview(acrossTheCutoff)).isEqualTo(expected);
        assertThat(expected.calls().total()).isEqualTo(20);
        assertThat(dashboards.overview(DashboardFilter.of(NINE, TEN)).latency().calls()).isEqualTo(95);
        assertThat(dashboards.topApplications(DashboardFilter.of(DAY, TEN.plus(1, ChronoUnit.HOURS)), 10))
                .extracting(TopEntry::name, TopEntry::requests)
                .containsExactly(tuple("mobile", 98L), tuple("web", 12L), tuple("partner", 4L));
        TrafficSeries fiveMinutes = dashboards.series(DashboardFilter.of(NINE, NINE.plus(5, ChronoUnit.MINUTES)), null);
        assertThat(fiveMinutes.granularity()).as("minutes purged: drawn in hours").isEqualTo(Grain.HOUR);
        assertThat(fiveMinutes.points()).extracting(TrafficSeries.Point::start, TrafficSeries.Point::requests,
                TrafficSeries.Point::events).containsExactly(tuple(NINE, 95L, 30L));
    }

    private static void assertRefused(ThrowingCallable query, String pointer) {
        assertThatThrownBy(query).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems().getFirst().pointer()).isEqualTo(pointer);
            assertThat(e.problems().getFirst().detail()).contains("this far back: minute precision is kept for ")
                    .endsWith("minutes before 2026-11-11T00:00:00Z have been purged");
        });
    }

    private void record(int count, Caller caller, Instant at, String kind, String outcome, String method, String operation,
                        int status, long latencyMicros) {
        for (int i = 0; i < count; i++) {
            jdbc.update("""
                    insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id,
                        subscription_id, outcome, billable, method, path, status, request_bytes, response_bytes,
                        latency_micros, operation)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '/raw', ?, 100, 1000, ?, ?)""",
                    UUID.randomUUID(), Timestamp.from(at), kind, caller.api().getId(), caller.plan().getId(),
                    caller.application().getId(), caller.application().getOrganizationId(), caller.subscription().getId(),
                    outcome, "ACCEPTED".equals(outcome), method, status, latencyMicros, operation);
        }
    }
}
