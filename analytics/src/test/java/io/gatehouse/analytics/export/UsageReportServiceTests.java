package io.gatehouse.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.analytics.Ledger;
import io.gatehouse.analytics.Ledger.Caller;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.usage.Outcome;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@AnalyticsTest
class UsageReportServiceTests {

    static final String HEADER = "period_start,period_end,organization,application,api,plan,meter,quantity,unit_price,amount,currency";
    static final ReportQuery NOVEMBER = new ReportQuery(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    static final Instant DURING = Instant.parse("2026-11-15T12:00:00Z");

    @Autowired
    UsageReportService reports;

    @Autowired
    Ledger ledger;

    @Autowired
    DataSource dataSource;

    Plan gold;
    Plan free;
    Plan tiered;
    Plan eventsPriced;
    Application mobile;
    Application web;
    Application portal;

    @BeforeEach
    void registry() {
        ledger.clear();
        Api petstore = ledger.publishedApi("Petstore", "/petstore/v1");
        Api weather = ledger.publishedApi("Weather", "/weather/v1");
        gold = ledger.plan(petstore, "Gold", Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001", "meter", "REQUESTS"));
        free = ledger.plan(petstore, "Free", Map.of("model", "FREE"));
        Map<String, Object> unbounded = new java.util.HashMap<>();
        unbounded.put("upTo", null);
        unbounded.put("unitPrice", "0.5");
        tiered = ledger.plan(weather, "Tiered", Map.of("model", "TIERED", "currency", "EUR", "meter", "REQUESTS",
                "tiers", List.of(Map.of("upTo", 10, "unitPrice", "0"), unbounded)));
        eventsPriced = ledger.plan(weather, "Events", Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.5", "meter", "EVENTS"));
        Organization acme = ledger.organization("Acme");
        Organization globex = ledger.organization("Globex");
        mobile = ledger.application(acme, "mobile, \"beta\"");
        web = ledger.application(acme, "web");
        portal = ledger.application(globex, "portal");
    }

    @Test
    void oneRowPerOrganizationApplicationApiAndPlanCountingBillableCallsOnly() throws IOException {
        Caller mobileGold = ledger.subscribe(mobile, gold);
        Caller webGold = ledger.subscribe(web, gold);
        Caller webFree = ledger.subscribe(web, free);
        Caller portalGold = ledger.subscribe(portal, gold);
        Caller portalTiered = ledger.subscribe(portal, tiered);
        Caller portalEvents = ledger.subscribe(portal, eventsPriced);

        ledger.calls(1, mobileGold, Instant.parse("2026-11-01T00:00:00Z"), Outcome.ACCEPTED, 200);
        ledger.calls(3, mobileGold, DURING, Outcome.ACCEPTED, 200);
        ledger.calls(1, mobileGold, Instant.parse("2026-11-30T23:59:59.999999Z"), Outcome.ACCEPTED, 500);
        ledger.calls(4, mobileGold, DURING, Outcome.REJECTED, 429);
        ledger.calls(2, mobileGold, DURING, Outcome.FAILED, 504);
        ledger.events(6, mobileGold, DURING);
        ledger.calls(7, mobileGold, Instant.parse("2026-10-31T23:59:59.999999Z"), Outcome.ACCEPTED, 200);
        ledger.calls(7, mobileGold, Instant.parse("2026-12-01T00:00:00Z"), Outcome.ACCEPTED, 200);
        ledger.calls(15, webGold, DURING, Outcome.ACCEPTED, 200);
        ledger.calls(9, webFree, DURING, Outcome.ACCEPTED, 200);
        ledger.calls(1, ledger.anonymous(gold), DURING, Outcome.REJECTED, 401);
        ledger.calls(1005, portalGold, DURING, Outcome.ACCEPTED, 200);
        ledger.calls(2, portalTiered, DURING, Outcome.ACCEPTED, 200);
        ledger.calls(3, portalEvents, DURING, Outcome.ACCEPTED, 200);

        StringWriter csv = new StringWriter();
        reports.writeCsv(NOVEMBER, csv);

        assertThat(csv.toString()).startsWith(HEADER + "," + String.join(",", UsageReportService.EXTRA_COLUMNS) + "\r\n")
                .contains("\"mobile, \"\"beta\"\"\"");
        assertThat(parse(csv.toString())).extracting(record -> record.subList(0, 11)).containsExactly(
                List.of("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "Acme", "mobile, \"beta\"", "Petstore", "Gold", "REQUESTS", "5", "0.001", "0.00", "EUR"),
                List.of("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "Acme", "web", "Petstore", "Free", "REQUESTS", "9", "0", "0.00", ""),
                List.of("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "Acme", "web", "Petstore", "Gold", "REQUESTS", "15", "0.001", "0.02", "EUR"),
                List.of("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "Globex", "portal", "Petstore", "Gold", "REQUESTS", "1005", "0.001", "1.00", "EUR"),
                List.of("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "Globex", "portal", "Weather", "Tiered", "REQUESTS", "2", "0", "0.00", "EUR"));
        assertThat(parse(csv.toString()).getFirst().subList(11, 17)).containsExactly(
                mobileGold.subscription().getId().toString(), "PER_UNIT", mobileGold.plan().getPricing().effectiveFrom().toString(), "", "",
                "");
        assertThat(parse(csv.toString()).getLast().get(16)).isEqualTo("0-10: 2 x 0 = 0");
    }

    @Test
    void rowsMatchTheCsv() throws IOException {
        ledger.calls(15, ledger.subscribe(web, gold), DURING, Outcome.ACCEPTED, 200);
        ledger.calls(2, ledger.subscribe(portal, free), DURING, Outcome.ACCEPTED, 200);

        List<UsageReportRow> rows = reports.rows(NOVEMBER);

        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        Instant to = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(rows).extracting(row -> List.of(row.periodStart(), row.periodEnd(), row.organization(), row.application(), row.api(),
                        row.plan(), row.meter(), row.quantity().toPlainString(), row.unitPrice(), row.amount(), row.currency()))
                .containsExactly(
                        List.of(from, to, "Acme", "web", "Petstore", "Gold", "REQUESTS", "15", "0.001", "0.02", "EUR"),
                        List.of(from, to, "Globex", "portal", "Petstore", "Free", "REQUESTS", "2", "0", "0.00", ""));
        StringWriter csv = new StringWriter();
        reports.writeCsv(NOVEMBER, csv);
        assertThat(parse(csv.toString())).hasSameSizeAs(rows);
    }

    @Test
    void ratesEventsMegabytesAndFlatPricesAndNarrowsByOrganizationApiAndPlan() {
        Plan events = ledger.plan(ledger.publishedApi("Stream", "/stream/v1"), "Events",
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.01", "meter", "EVENTS"));
        Plan bytes = ledger.plan(ledger.publishedApi("Files", "/files/v1"), "Bytes",
                Map.of("model", "PER_UNIT", "currency", "USD", "unitPrice", "0.10", "meter", "MEGABYTES"));
        Plan flat = ledger.plan(ledger.publishedApi("Maps", "/maps/v1"), "Flat", Map.of("model", "FLAT", "currency", "EUR",
                "fee", "30.00", "includedUnits", 100, "overageUnitPrice", "0.05", "meter", "REQUESTS"));
        ledger.events(250, ledger.subscribe(mobile, events), DURING);
        ledger.record(3, io.gatehouse.core.usage.UsageKind.CALL, ledger.subscribe(web, bytes), DURING, Outcome.ACCEPTED, 200,
                500_000, 1_000_001);
        Caller flatCaller = ledger.bound(ledger.subscribe(portal, flat), Instant.parse("2026-11-16T00:00:00Z"), null);
        ledger.calls(70, flatCaller, DURING, Outcome.ACCEPTED, 200);

        assertThat(reports.rows(NOVEMBER)).extracting(row -> row.plan() + " " + row.meter() + " " + row.quantity().toPlainString()
                        + " " + row.includedUnits() + " " + row.billedQuantity() + " = " + row.amount() + " " + row.currency())
                .containsExactly(
                        "Events EVENTS 250 null null = 2.50 EUR",
                        "Bytes MEGABYTES 4.500003 null null = 0.45 USD",
                        "Flat REQUESTS 70 50 20 = 1.00 EUR");
        assertThat(reports.rows(new ReportQuery(NOVEMBER.from(), NOVEMBER.to(),
                new io.gatehouse.analytics.rating.UsageFilter(portal.getOrganizationId(), null, null))))
                .extracting(UsageReportRow::plan).containsExactly("Flat");
        assertThat(reports.rows(new ReportQuery(NOVEMBER.from(), NOVEMBER.to(),
                new io.gatehouse.analytics.rating.UsageFilter(null, bytes.getApiId(), null))))
                .extracting(UsageReportRow::plan).containsExactly("Bytes");
        assertThat(reports.rows(new ReportQuery(NOVEMBER.from(), NOVEMBER.to(),
                new io.gatehouse.analytics.rating.UsageFilter(null, null, events.getId()))))
                .extracting(UsageReportRow::plan).containsExactly("Events");
    }

    @Test
    void aPeriodOverSeveralMonthsIsRatedMonthByMonth() {
        Caller caller = ledger.subscribe(web, tiered);
        ledger.calls(8, caller, Instant.parse("2026-10-20T00:00:00Z"), Outcome.ACCEPTED, 200);
        ledger.calls(8, caller, DURING, Outcome.ACCEPTED, 200);

        List<UsageReportRow> rows = reports.rows(new ReportQuery(Instant.parse("2026-10-15T00:00:00Z"), NOVEMBER.to()));

        assertThat(rows).extracting(row -> row.periodStart() + ".." + row.periodEnd() + " " + row.quantity() + " = " + row.amount())
                .containsExactly("2026-10-15T00:00:00Z..2026-11-01T00:00:00Z 8 = 0.00",
                        "2026-11-01T00:00:00Z..2026-12-01T00:00:00Z 8 = 0.00");
        assertThat(reports.rows(new ReportQuery(Instant.parse("2026-10-15T00:00:00Z"), NOVEMBER.to(),
                new io.gatehouse.analytics.rating.UsageFilter(null, null, tiered.getId())))).hasSize(2);
        ledger.calls(8, caller, DURING, Outcome.ACCEPTED, 200);
        assertThat(reports.rows(NOVEMBER)).singleElement().satisfies(row -> assertThat(row.amount()).isEqualTo("3.00"));
    }

    @Test
    void writesWhileTheQueryHoldsACursorOpen() {
        ledger.calls(1, ledger.subscribe(web, gold), DURING, Outcome.ACCEPTED, 200);
        List<Boolean> autoCommitWhileWriting = new ArrayList<>();
        Writer probe = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
                try {
                    autoCommitWhileWriting.add(holder.getConnection().getAutoCommit());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        reports.writeCsv(NOVEMBER, probe);

        // PostgreSQL fetches fetchSize rows at a time only inside a transaction (autocommit off).
        assertThat(autoCommitWhileWriting).isNotEmpty().containsOnly(false);
    }

    @Test
    void anEmptyLedgerGivesTheHeaderOnly() {
        StringWriter csv = new StringWriter();
        reports.writeCsv(NOVEMBER, csv);

        assertThat(csv).hasToString(HEADER + "," + String.join(",", UsageReportService.EXTRA_COLUMNS) + "\r\n");
        assertThat(reports.rows(NOVEMBER)).isEmpty();
    }

    @Test
    void keepsInstantsThatAreNotMidnight() {
        ledger.calls(2, ledger.subscribe(web, gold), Instant.parse("2026-11-10T09:30:00Z"), Outcome.ACCEPTED, 200);
        ReportQuery morning = new ReportQuery(Instant.parse("2026-11-10T10:00:00+01:00"), Instant.parse("2026-11-10T09:30:00.000001Z"));

        assertThat(reports.rows(morning)).singleElement().satisfies(row -> {
            assertThat(row.periodStart()).isEqualTo(Instant.parse("2026-11-10T09:00:00Z"));
            assertThat(row.quantity()).isEqualByComparingTo("2");
        });
    }

    @Test
    void refusesAnEmptyOrOpenPeriod() {
        assertThatThrownBy(() -> new ReportQuery(NOVEMBER.to(), NOVEMBER.from()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/to"));
        assertThatThrownBy(() -> new ReportQuery(Instant.EPOCH, Instant.EPOCH)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ReportQuery(null, NOVEMBER.to()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/from"));
        assertThatThrownBy(() -> new ReportQuery(NOVEMBER.from(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::pointer).containsExactly("/to"));
    }

    private static List<List<String>> parse(String csv) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            assertThat(parser.getHeaderNames().subList(0, 11)).containsExactlyElementsOf(UsageReportService.COLUMNS);
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }
}
