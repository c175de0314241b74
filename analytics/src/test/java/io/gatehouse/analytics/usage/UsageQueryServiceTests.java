package io.gatehouse.analytics.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.analytics.Ledger;
import io.gatehouse.analytics.Ledger.Caller;
import io.gatehouse.analytics.rollup.MinuteRollupPurge;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.usage.Outcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@AnalyticsTest
class UsageQueryServiceTests {

    static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant DURING = Instant.parse("2026-11-15T12:00:00Z");

    @Autowired
    UsageQueryService usage;

    @Autowired
    Ledger ledger;

    @Autowired
    MinuteRollupPurge minutePurge;

    Api petstore;
    Api weather;
    Application mobile;
    Application web;

    @BeforeEach
    void ledgerWithTraffic() {
        ledger.clear();
        petstore = ledger.publishedApi("Petstore", "/petstore/v1");
        weather = ledger.publishedApi("Weather", "/weather/v1");
        Plan gold = ledger.plan(petstore, "Gold", Map.of("model", "FREE"));
        Plan free = ledger.plan(weather, "Free", Map.of("model", "FREE"));
        Organization acme = ledger.organization("Acme");
        mobile = ledger.application(acme, "mobile");
        web = ledger.application(acme, "web");
        Caller mobileOnPetstore = ledger.subscribe(mobile, gold);
        Caller webOnPetstore = ledger.subscribe(web, gold);
        Caller mobileOnWeather = ledger.subscribe(mobile, free);

        ledger.calls(3, mobileOnPetstore, DURING, Outcome.ACCEPTED, 200);
        ledger.calls(1, mobileOnPetstore, FROM, Outcome.ACCEPTED, 503);
        ledger.calls(2, mobileOnPetstore, DURING, Outcome.REJECTED, 429);
        ledger.calls(1, mobileOnPetstore, DURING, Outcome.FAILED, 502);
        ledger.calls(2, webOnPetstore, DURING, Outcome.ACCEPTED, 201);
        ledger.calls(1, ledger.anonymous(gold), DURING, Outcome.REJECTED, 401);
        ledger.calls(1, mobileOnWeather, DURING, Outcome.ACCEPTED, 200);
        ledger.events(2, mobileOnWeather, DURING);

        ledger.calls(5, mobileOnPetstore, FROM.minusNanos(1000), Outcome.ACCEPTED, 200);
        ledger.calls(5, mobileOnPetstore, TO, Outcome.ACCEPTED, 200);
        ledger.events(5, mobileOnWeather, TO.plusSeconds(3600));
    }

    @Test
    void countsPerApiAndApplicationWithinTheRange() {
        assertThat(usage.summarize(FROM, TO, Set.of("api", "application"))).containsExactly(
                new UsageSummary(petstore.getId(), "Petstore", mobile.getId(), "mobile", 7, 4, 2, 2, 0, 700, 7000),
                new UsageSummary(petstore.getId(), "Petstore", web.getId(), "web", 2, 2, 0, 0, 0, 200, 2000),
                new UsageSummary(petstore.getId(), "Petstore", null, null, 1, 0, 1, 0, 0, 100, 1000),
                new UsageSummary(weather.getId(), "Weather", mobile.getId(), "mobile", 1, 3, 0, 0, 2, 100, 1500));
    }

    @Test
    void groupsByBothDimensionsByDefault() {
        assertThat(usage.summarize(FROM, TO, Set.of())).isEqualTo(usage.summarize(FROM, TO, Set.of("api", "application")));
        assertThat(usage.summarize(FROM, TO, null)).hasSize(4);
        assertThat(usage.summarize(FROM, TO, Set.of(" API "))).isEqualTo(usage.summarize(FROM, TO, Set.of("api")));
    }

    @Test
    void countsPerApiOnly() {
        assertThat(usage.summarize(FROM, TO, Set.of("api"))).containsExactly(
                new UsageSummary(petstore.getId(), "Petstore", null, null, 10, 6, 3, 2, 0, 1000, 10000),
                new UsageSummary(weather.getId(), "Weather", null, null, 1, 3, 0, 0, 2, 100, 1500));
    }

    @Test
    void countsPerApplicationOnlyWithUnidentifiedCallersLast() {
        assertThat(usage.summarize(FROM, TO, Set.of("application"))).containsExactly(
                new UsageSummary(null, null, mobile.getId(), "mobile", 8, 7, 2, 2, 2, 800, 8500),
                new UsageSummary(null, null, web.getId(), "web", 2, 2, 0, 0, 0, 200, 2000),
                new UsageSummary(null, null, null, null, 1, 0, 1, 0, 0, 100, 1000));
    }

    @Test
    void anEmptyRangeOfTheLedgerHasNoGroups() {
        assertThat(usage.summarize(TO.plusSeconds(7200), TO.plusSeconds(10800), Set.of("api"))).isEmpty();
    }

    @Test
    void refusesAnUnknownDimension() {
        assertThatThrownBy(() -> usage.summarize(FROM, TO, Set.of("api", "plan")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/groupBy"));
    }

    @Test
    void answersWholeHoursBeforePurgedMinutesAndRefusesPartialOnes() {
        List<UsageSummary> expected = usage.summarize(FROM, TO.minusSeconds(90), Set.of("api"));

        minutePurge.purgeBefore(DURING.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS));

        assertThat(usage.summarize(FROM, TO.minusSeconds(90), Set.of("api"))).isEqualTo(expected);
        assertThatThrownBy(() -> usage.summarize(DURING.minusSeconds(90), TO, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/from"));
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> usage.summarize(TO, FROM, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/to"));
        assertThatThrownBy(() -> usage.summarize(FROM, FROM, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> usage.summarize(null, TO, null)).isInstanceOf(InvalidInputException.class);
    }
}
