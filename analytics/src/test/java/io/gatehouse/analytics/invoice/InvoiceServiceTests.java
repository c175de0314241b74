package io.gatehouse.analytics.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.analytics.Ledger;
import io.gatehouse.analytics.Ledger.Caller;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

@AnalyticsTest
class InvoiceServiceTests {

    static final YearMonth JUNE = YearMonth.of(2026, 6);
    static final Instant JUNE_10 = Instant.parse("2026-06-10T12:00:00Z");

    @Autowired
    InvoiceService invoices;
    @Autowired
    CreditNoteService creditNotes;
    @Autowired
    PlanService plans;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcTemplate jdbc;

    Organization acme;
    Organization globex;
    Plan perUnit;
    Plan flat;

    @BeforeEach
    void month() {
        ledger.clear();
        Api petstore = ledger.publishedApi("Petstore", "/petstore/v1");
        Api files = ledger.publishedApi("Files", "/files/v1");
        perUnit = ledger.plan(petstore, "Metered", Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.001",
                "effectiveFrom", "2026-01-01"));
        flat = ledger.plan(petstore, "Flat", Map.of("model", "FLAT", "currency", "EUR", "fee", "30.00", "includedUnits", 100,
                "overageUnitPrice", "0.05", "setupFee", "10.00", "effectiveFrom", "2026-01-01"));
        Plan megabytes = ledger.plan(files, "Bytes", Map.of("model", "PER_UNIT", "currency", "USD", "unitPrice", "0.10",
                "meter", "MEGABYTES", "effectiveFrom", "2026-01-01"));
        Plan free = ledger.plan(petstore, "Free", Map.of("model", "FREE"));
        acme = ledger.organization("Acme");
        globex = ledger.organization("Globex");
        Application web = ledger.application(acme, "web");
        Application portal = ledger.application(globex, "portal");

        Caller metered = ledger.bound(ledger.subscribe(web, perUnit), Instant.parse("2026-05-01T00:00:00Z"), null);
        Caller flatCaller = ledger.bound(ledger.subscribe(web, flat), Instant.parse("2026-06-16T09:00:00Z"), null);
        Caller bytes = ledger.bound(ledger.subscribe(web, megabytes), Instant.parse("2026-05-01T00:00:00Z"), null);
        Caller freeCaller = ledger.bound(ledger.subscribe(portal, free), Instant.parse("2026-05-01T00:00:00Z"), null);
        ledger.calls(1500, metered, JUNE_10, Outcome.ACCEPTED, 200);
        ledger.calls(40, metered, JUNE_10, Outcome.REJECTED, 429);
        ledger.calls(7, metered, Instant.parse("2026-07-01T00:00:00Z"), Outcome.ACCEPTED, 200);
        ledger.calls(70, flatCaller, Instant.parse("2026-06-20T00:00:00Z"), Outcome.ACCEPTED, 200);
        ledger.record(3, UsageKind.CALL, bytes, JUNE_10, Outcome.ACCEPTED, 200, 500_000, 1_000_001);
        ledger.calls(90, freeCaller, JUNE_10, Outcome.ACCEPTED, 200);
        ledger.calls(5, ledger.anonymous(perUnit), JUNE_10, Outcome.REJECTED, 401);
    }

    @Test
    void anOpenPeriodHasOneDraftPerOrganizationAndCurrency() {
        List<Invoice> drafts = invoices.list(JUNE, InvoiceFilter.ALL);

        assertThat(drafts).extracting(i -> i.organization() + " " + i.currency() + " " + i.status() + " " + i.total() + " " + i.number())
                .containsExactly("Acme EUR DRAFT 27.50 null", "Acme USD DRAFT 0.45 null");
        assertThat(drafts.getFirst().lines())
                .extracting(l -> l.plan() + " " + l.kind() + " " + l.quantity().toPlainString() + " " + l.amount())
                .containsExactly("Flat SETUP_FEE 1 10.00", "Flat FEE 1 15.00", "Flat USAGE 70 1.00", "Metered USAGE 1500 1.50");
        assertThat(drafts.getFirst().lines().get(1).days()).isEqualTo(15);
        assertThat(drafts.getFirst().lines().get(2).includedUnits()).isEqualTo(50);
        assertThat(invoices.get(drafts.getFirst().id())).isEqualTo(drafts.getFirst());
        assertThat(invoices.list(JUNE, new InvoiceFilter(globex.getId(), null, null))).isEmpty();
        assertThat(invoices.list(JUNE, new InvoiceFilter(null, null, flat.getId()))).extracting(Invoice::currency).containsExactly("EUR");
    }

    @Test
    void closingIssuesFinalNumberedInvoicesThatNeverChange() {
        List<Invoice> drafts = invoices.list(JUNE, InvoiceFilter.ALL);

        PeriodClose closed = invoices.close(JUNE, "billing-user");

        assertThat(closed.invoices()).extracting(PeriodClose.Issued::id).containsExactlyElementsOf(drafts.stream().map(Invoice::id).toList());
        List<String> numbers = closed.invoices().stream().map(PeriodClose.Issued::number).toList();
        int year = Instant.now().atZone(java.time.ZoneOffset.UTC).getYear();
        assertThat(numbers).containsExactly("INV-" + year + "-000001", "INV-" + year + "-000002");
        List<Invoice> finals = invoices.list(JUNE, InvoiceFilter.ALL);
        assertThat(finals).extracting(Invoice::status).containsOnly(InvoiceStatus.FINAL);
        assertThat(finals).extracting(Invoice::total).containsExactly("27.50", "0.45");
        assertThat(finals.getFirst().lines()).usingRecursiveComparison().isEqualTo(drafts.getFirst().lines());

        ledger.calls(1000, ledger.bound(ledger.subscribe(ledger.application(acme, "late"), perUnit), Instant.parse("2026-05-01T00:00:00Z"), null),
                JUNE_10, Outcome.ACCEPTED, 200);
        assertThat(invoices.close(JUNE, "again")).isEqualTo(closed);
        assertThat(invoices.get(finals.getFirst().id())).isEqualTo(finals.getFirst());
        assertThatThrownBy(() -> jdbc.update("update invoice set total = 0 where id = ?", finals.getFirst().id()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("final");
        assertThatThrownBy(() -> jdbc.update("delete from invoice_line where invoice_id = ?", finals.getFirst().id()))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("final");
    }

    @Test
    void aPriceChangeNeverRewritesAClosedPeriod() {
        invoices.close(JUNE, "billing-user");
        PlanSpec spec = new PlanSpec("Metered", PlanAuth.API_KEY, List.of(), null, null, null,
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.002", "effectiveFrom", "2026-06-20"));

        assertThatThrownBy(() -> plans.update(perUnit.getId(), spec))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.pointer()).isEqualTo("/pricing/effectiveFrom"));
        plans.update(perUnit.getId(), new PlanSpec("Metered", PlanAuth.API_KEY, List.of(), null, null, null,
                Map.of("model", "PER_UNIT", "currency", "EUR", "unitPrice", "0.002", "effectiveFrom", "2026-07-01")));
        assertThat(invoices.list(JUNE, InvoiceFilter.ALL).getFirst().total()).isEqualTo("27.50");
        assertThat(invoices.list(YearMonth.of(2026, 7), InvoiceFilter.ALL).getFirst().lines())
                .filteredOn(line -> line.plan().equals("Metered")).singleElement()
                .satisfies(line -> assertThat(line.amount()).isEqualTo("0.01"));
    }

    @Test
    void onlyAnEndedPeriodCloses() {
        YearMonth current = YearMonth.now(java.time.ZoneOffset.UTC);

        assertThatThrownBy(() -> invoices.close(current, "billing-user")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> invoices.list(current.plusMonths(2), InvoiceFilter.ALL))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().getFirst().pointer()).isEqualTo("/period"));
    }

    @Test
    void creditNotesCorrectAFinalInvoiceUpToItsTotal() {
        Invoice draft = invoices.list(JUNE, InvoiceFilter.ALL).getFirst();
        assertThatThrownBy(() -> creditNotes.issue(draft.id(), new CreditNoteSpec("1.00", "goodwill"), "billing-user"))
                .isInstanceOf(ConflictException.class);
        invoices.close(JUNE, "billing-user");

        CreditNote first = creditNotes.issue(draft.id(), new CreditNoteSpec("5.00", "outage on June 12"), "billing-user");
        CreditNote second = creditNotes.issue(draft.id(), new CreditNoteSpec("22.50", "plan mix-up"), "billing-user");

        assertThat(second.number()).isNotEqualTo(first.number()).startsWith("CN-");
        assertThatThrownBy(() -> creditNotes.issue(draft.id(), new CreditNoteSpec("0.01", "too much"), "billing-user"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.pointer()).isEqualTo("/amount"));
        assertThatThrownBy(() -> creditNotes.issue(draft.id(), new CreditNoteSpec("1.001", "cents"), "billing-user"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems().getFirst().pointer()).isEqualTo("/amount"));
        Invoice corrected = invoices.get(draft.id());
        assertThat(corrected.total()).isEqualTo("27.50");
        assertThat(corrected.credited()).isEqualTo("27.50");
        assertThat(corrected.creditNotes()).extracting(CreditNote::number).containsExactly(first.number(), second.number());
    }
}
