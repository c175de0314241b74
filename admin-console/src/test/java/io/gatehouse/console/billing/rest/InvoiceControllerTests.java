package io.gatehouse.console.billing.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.analytics.export.InvoiceCsv;
import io.gatehouse.console.ManagementApiTestSupport;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import tools.jackson.databind.JsonNode;

class InvoiceControllerTests extends ManagementApiTestSupport {

    @Test
    void aMonthIsInvoicedAsDraftsClosedIntoFinalInvoicesAndExportedAsJsonCsvAndPdf() throws Exception {
        Customer acme = customer("1985-03-01T00:00:00Z", """
                {"model":"PER_UNIT","currency":"EUR","unitPrice":"0.01","meter":"REQUESTS"}""");
        calls(acme, 250, "1985-03-10T08:00:00Z", true);
        calls(acme, 5, "1985-03-10T08:00:00Z", false);
        calls(acme, 9, "1985-04-01T00:00:00Z", true);

        JsonNode drafts = admin().get("/api/v1/billing/invoices?period=1985-03&organization=" + acme.organizationId).expect(200).json();
        assertThat(drafts.size()).isEqualTo(1);
        JsonNode draft = drafts.get(0);
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("period").asString()).isEqualTo("1985-03");
        assertThat(draft.get("currency").asString()).isEqualTo("EUR");
        assertThat(draft.get("total").asString()).isEqualTo("2.50");
        assertThat(draft.get("number").isNull()).isTrue();
        JsonNode line = draft.get("lines").get(0);
        assertThat(line.get("subscriptionId").asString()).isEqualTo(acme.subscriptionId);
        assertThat(line.get("api").asString()).isEqualTo(acme.apiName);
        assertThat(line.get("plan").asString()).isEqualTo("Priced");
        assertThat(line.get("meter").asString()).isEqualTo("REQUESTS");
        assertThat(line.get("quantity").asLong()).isEqualTo(250);
        assertThat(line.get("unitPrice").asString()).isEqualTo("0.01");
        assertThat(line.get("amount").asString()).isEqualTo("2.50");

        JsonNode closed = admin().post("/api/v1/billing/periods/1985-03/close", null).expect(200).json();
        assertThat(closed.get("period").asString()).isEqualTo("1985-03");
        JsonNode issued = closed.get("invoices").valueStream()
                .filter(invoice -> invoice.get("id").asString().equals(draft.get("id").asString())).findFirst().orElseThrow();
        String number = issued.get("number").asString();
        assertThat(number).matches("INV-\\d{4}-\\d{6}");
        assertThat(admin().post("/api/v1/billing/periods/1985-03/close", null).expect(200).json()).isEqualTo(closed);
        assertThat(admin().get("/api/v1/billing/periods/1985-03").expect(200).json().get("status").asString()).isEqualTo("CLOSED");
        assertThat(admin().get("/api/v1/billing/periods/1985-05").expect(200).json().get("status").asString()).isEqualTo("OPEN");

        String id = draft.get("id").asString();
        JsonNode invoice = admin().get("/api/v1/billing/invoices/" + id).expect(200).json();
        assertThat(invoice.get("status").asString()).isEqualTo("FINAL");
        assertThat(invoice.get("number").asString()).isEqualTo(number);
        assertThat(invoice.get("total").asString()).isEqualTo("2.50");

        var csv = admin().get("/api/v1/billing/invoices/" + id, "text/csv").expect(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains(number + ".csv");
        List<CSVRecord> rows = csvRecords(csv.body());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("invoice_number")).isEqualTo(number);
            assertThat(row.get("quantity")).isEqualTo("250");
            assertThat(row.get("amount")).isEqualTo("2.50");
        });
        assertThat(csvRecords(admin().get("/api/v1/billing/invoices?period=1985-03&organization=" + acme.organizationId, "text/csv")
                .expect(200).body())).hasSize(1);

        HttpResponse<byte[]> pdf = bytes("/api/v1/billing/invoices/" + id, "application/pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        try (PdfReader reader = new PdfReader(pdf.body())) {
            String text = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(text).contains("Invoice " + number).contains("2.50 EUR").contains("Priced");
        }
    }

    @Test
    void creditNotesCorrectAFinalInvoiceAndNeverExceedIt() {
        Customer globex = customer("1985-06-01T00:00:00Z", """
                {"model":"FLAT","currency":"EUR","fee":"20.00","includedUnits":10,"overageUnitPrice":"0.50"}""");
        calls(globex, 12, "1985-06-03T00:00:00Z", true);
        String id = admin().get("/api/v1/billing/invoices?period=1985-06&organization=" + globex.organizationId).expect(200)
                .json().get(0).get("id").asString();
        admin().post("/api/v1/billing/invoices/" + id + "/credit-notes", "{\"amount\":\"1.00\",\"reason\":\"early\"}").problem(409, "conflict");
        admin().post("/api/v1/billing/periods/1985-06/close", null).expect(200);
        assertThat(admin().get("/api/v1/billing/invoices/" + id).json().get("total").asString()).isEqualTo("21.00");

        var note = admin().post("/api/v1/billing/invoices/" + id + "/credit-notes", "{\"amount\":\"6.00\",\"reason\":\"outage\"}").expect(201);
        assertThat(note.header("Location")).contains("/api/v1/billing/invoices/" + id + "/credit-notes/");
        assertThat(note.json().get("number").asString()).matches("CN-\\d{4}-\\d{6}");
        assertThat(note.json().get("amount").asString()).isEqualTo("6.00");
        var tooMuch = admin().post("/api/v1/billing/invoices/" + id + "/credit-notes", "{\"amount\":\"15.01\",\"reason\":\"x\"}");
        tooMuch.problem(409, "conflict");
        assertThat(tooMuch.errorPointers()).containsExactly("/amount");
        var bad = admin().post("/api/v1/billing/invoices/" + id + "/credit-notes", "{\"amount\":\"-3\",\"reason\":\" \"}");
        bad.problem(400, "invalid-input");
        assertThat(bad.errorPointers()).containsExactly("/reason");
        var negative = admin().post("/api/v1/billing/invoices/" + id + "/credit-notes", "{\"amount\":\"-3\",\"reason\":\"x\"}");
        negative.problem(400, "invalid-input");
        assertThat(negative.errorPointers()).containsExactly("/amount");

        JsonNode invoice = admin().get("/api/v1/billing/invoices/" + id).expect(200).json();
        assertThat(invoice.get("total").asString()).isEqualTo("21.00");
        assertThat(invoice.get("credited").asString()).isEqualTo("6.00");
        assertThat(admin().get("/api/v1/billing/invoices/" + id + "/credit-notes").expect(200).json().size()).isEqualTo(1);
    }

    @Test
    void billingReadsTheRegistryAndOwnsBillingWhileDevelopersSeeTheirOwnInvoicesOnly() {
        Customer own = customer("1985-08-01T00:00:00Z", """
                {"model":"PER_UNIT","currency":"USD","unitPrice":"1","meter":"REQUESTS"}""");
        Customer other = customer("1985-08-01T00:00:00Z", """
                {"model":"PER_UNIT","currency":"USD","unitPrice":"1","meter":"REQUESTS"}""");
        calls(own, 2, "1985-08-02T00:00:00Z", true);
        calls(other, 3, "1985-08-02T00:00:00Z", true);
        Client billing = newUser("BILLING", null);
        Client developer = newUser("DEVELOPER", own.organizationId);
        Client publisher = newUser("PUBLISHER", null);

        billing.get("/api/v1/apis").expect(200);
        billing.get("/api/v1/organizations/" + own.organizationId).expect(200);
        billing.post("/api/v1/apis", "{\"name\":\"X\",\"version\":\"v1\",\"context\":\"/x-" + unique() + "/v1\",\"type\":\"REST\"}")
                .problem(403, "forbidden");
        String ownInvoice = billing.get("/api/v1/billing/invoices?period=1985-08&organization=" + own.organizationId).expect(200)
                .json().get(0).get("id").asString();
        String otherInvoice = billing.get("/api/v1/billing/invoices?period=1985-08&organization=" + other.organizationId).expect(200)
                .json().get(0).get("id").asString();

        assertThat(developer.get("/api/v1/billing/invoices?period=1985-08&organization=" + own.organizationId).expect(200).json().size())
                .isEqualTo(1);
        developer.get("/api/v1/billing/invoices?period=1985-08").problem(403, "forbidden");
        developer.get("/api/v1/billing/invoices?period=1985-08&organization=" + other.organizationId).problem(403, "forbidden");
        developer.get("/api/v1/billing/invoices/" + ownInvoice).expect(200);
        developer.get("/api/v1/billing/invoices/" + otherInvoice).problem(403, "forbidden");
        developer.get("/api/v1/billing/invoices/" + UUID.randomUUID()).problem(403, "forbidden");
        developer.post("/api/v1/billing/periods/1985-08/close", null).problem(403, "forbidden");
        developer.get("/api/v1/billing/usage-report?from=1985-08-01&to=1985-09-01").problem(403, "forbidden");
        publisher.get("/api/v1/billing/invoices?period=1985-08").problem(403, "forbidden");
        anonymous().get("/api/v1/billing/invoices?period=1985-08").problem(401, "unauthorized");

        billing.post("/api/v1/billing/periods/1985-08/close", null).expect(200);
        developer.post("/api/v1/billing/invoices/" + ownInvoice + "/credit-notes", "{\"amount\":\"1\",\"reason\":\"x\"}").problem(403, "forbidden");
        billing.post("/api/v1/billing/invoices/" + ownInvoice + "/credit-notes", "{\"amount\":\"1\",\"reason\":\"x\"}").expect(201);
        billing.get("/api/v1/billing/invoices/" + UUID.randomUUID()).problem(404, "not-found");
    }

    @Test
    void periodsAreNamedMonthsThatCloseOnlyOnceEnded() {
        var missing = admin().get("/api/v1/billing/invoices");
        missing.problem(400, "invalid-input");
        assertThat(missing.errorPointers()).containsExactly("period");
        assertThat(admin().get("/api/v1/billing/invoices?period=1985-13", "text/csv").errorPointers()).containsExactly("period");
        assertThat(admin().post("/api/v1/billing/periods/March/close", null).errorPointers()).containsExactly("period");
        String next = java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusMonths(1).toString();
        var future = admin().get("/api/v1/billing/invoices?period=" + next);
        future.problem(400, "invalid-input");
        assertThat(future.errorPointers()).containsExactly("/period");
        admin().post("/api/v1/billing/periods/" + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + "/close", null)
                .problem(409, "conflict");
    }

    @Test
    void pricesAreValidatedWithPointersVersionedAndNeverChangedInAClosedPeriod() {
        String apiId = publish(createApi("pricing"));
        var tiers = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Tiers","auth":"API_KEY","pricing":{"model":"TIERED","currency":"EUR","meter":"EVENTS",
                 "tiers":[{"upTo":1000,"unitPrice":"0"},{"upTo":500,"unitPrice":"0.001"},{"upTo":null,"unitPrice":"0.0005"}],
                 "setupFee":"9.999"}}""");
        tiers.problem(400, "invalid-input");
        assertThat(tiers.errorPointers()).containsExactlyInAnyOrder("/pricing/tiers/1/upTo", "/pricing/setupFee");

        JsonNode plan = admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Flat","auth":"API_KEY","pricing":{"model":"FLAT","currency":"EUR","fee":"49.00","period":"MONTH",
                 "includedUnits":10000,"overageUnitPrice":"0.002","meter":"REQUESTS"}}""").expect(201).json();
        assertThat(plan.get("pricing").get("fee").asString()).isEqualTo("49.00");
        assertThat(plan.get("pricing").get("includedUnits").asLong()).isEqualTo(10000);
        assertThat(plan.get("pricing").get("effectiveFrom").asString()).isNotBlank();
        String planId = plan.get("id").asString();

        admin().post("/api/v1/billing/periods/1985-10/close", null).expect(200);
        var rewrite = admin().put("/api/v1/plans/" + planId, """
                {"name":"Flat","auth":"API_KEY","pricing":{"model":"FLAT","currency":"EUR","fee":"59.00","effectiveFrom":"1985-10-15"}}""");
        rewrite.problem(409, "conflict");
        assertThat(rewrite.errorPointers()).containsExactly("/pricing/effectiveFrom");

        JsonNode changed = admin().put("/api/v1/plans/" + planId, """
                {"name":"Flat","auth":"API_KEY","pricing":{"model":"FLAT","currency":"EUR","fee":"59.00"}}""").expect(200).json();
        assertThat(changed.get("pricing").get("fee").asString()).isEqualTo("59.00");
        JsonNode versions = admin().get("/api/v1/plans/" + planId + "/prices").expect(200).json();
        assertThat(versions.valueStream().map(v -> v.get("fee").asString()).toList()).containsExactly("59.00");
    }

    private record Customer(String organizationId, String subscriptionId, String apiId, String apiName, String planId) {
    }

    /** An organization whose application subscribes, since {@code startedAt}, to a plan priced {@code pricing}. */
    private Customer customer(String startedAt, String pricing) {
        String apiName = "billed-" + unique();
        String apiId = publish(admin().post("/api/v1/apis", """
                {"name":"%s","version":"v1","context":"/%s/v1","type":"REST","upstream":"http://127.0.0.1:9101"}
                """.formatted(apiName, apiName)).expect(201).id());
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans",
                "{\"name\":\"Priced\",\"auth\":\"API_KEY\",\"pricing\":" + pricing + "}").expect(201).id();
        String organizationId = createOrganization();
        String applicationId = createApplication(organizationId);
        String subscriptionId = admin().post("/api/v1/subscriptions",
                "{\"applicationId\":\"" + applicationId + "\",\"planId\":\"" + planId + "\"}").expect(201).id();
        jdbc.update("update subscription set started_at = ? where id = ?", Timestamp.from(Instant.parse(startedAt)), UUID.fromString(subscriptionId));
        return new Customer(organizationId, subscriptionId, apiId, apiName, planId);
    }

    private void calls(Customer customer, int count, String at, boolean accepted) {
        UUID applicationId = jdbc.queryForObject("select application_id from subscription where id = ?", UUID.class,
                UUID.fromString(customer.subscriptionId));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {UUID.randomUUID(), Timestamp.from(Instant.parse(at)), UUID.fromString(customer.apiId),
                    UUID.fromString(customer.planId), UUID.fromString(customer.subscriptionId), applicationId,
                    UUID.fromString(customer.organizationId), accepted ? "ACCEPTED" : "REJECTED", accepted, accepted ? 200 : 429});
        }
        jdbc.batchUpdate("""
                insert into usage_record (id, occurred_at, kind, api_id, plan_id, subscription_id, application_id,
                                          organization_id, outcome, billable, status)
                values (?, ?, 'CALL', ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    private HttpResponse<byte[]> bytes(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
                .header("Authorization", admin().authorization()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<CSVRecord> csvRecords(String csv) throws IOException {
        var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv));
        assertThat(parser.getHeaderNames()).containsExactlyElementsOf(InvoiceCsv.COLUMNS);
        return parser.getRecords();
    }
}
