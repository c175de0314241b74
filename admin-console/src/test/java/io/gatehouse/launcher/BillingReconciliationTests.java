package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.launcher.PriceOracle.Charges;
import io.gatehouse.launcher.PriceOracle.Price;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The billing proof (issue 5, §5): a month of mixed usage is invoiced to the cent. For every
 * organization and currency, Σ invoice lines = invoice total = the usage as the test itself prices it
 * record by record from the raw ledger (fees included), Σ usage-report amounts = Σ invoice usage lines,
 * and the report's quantities are the raw billable records. Ingesting the month again, after a first
 * ingestion cut off half-way, changes nothing.
 *
 * <p>The closed month (September 2026) reaches the ledger through the gateway's real usage sink (journal,
 * binary COPY, {@code on conflict do nothing}); the gateway stamps records with the current time, so a past
 * month cannot be called through it. The open month is proven with real calls and published events
 * through the gateway of this process.
 */
class BillingReconciliationTests extends GatewayEndToEndSupport {

    static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
    static final Instant BEFORE = Instant.parse("2026-08-01T00:00:00Z");

    @Autowired
    UsageSink usage;

    private final Map<String, TreeMap<LocalDate, Price>> schedules = new HashMap<>();
    private final Map<String, String> planIds = new HashMap<>();
    private final Map<String, String> apiOfPlan = new HashMap<>();

    @Test
    void aClosedMonthOfEveryPriceModelAddsUpToTheCentAndIngestingItAgainChangesNothing() throws Exception {
        String rest = api("Recon REST", "REST");
        String events = api("Recon Events", "REST");
        String files = api("Recon Files", "REST");
        plan(rest, "Free", "{\"model\":\"FREE\"}", Price.free());
        plan(rest, "Flat", """
                {"model":"FLAT","currency":"EUR","fee":"30.00","includedUnits":2000,"overageUnitPrice":"0.01","meter":"REQUESTS",
                 "setupFee":"5.00","effectiveFrom":"2026-01-01"}""", Price.flat("EUR", "30.00", 2000, "0.01", "5.00"));
        plan(rest, "Unit", """
                {"model":"PER_UNIT","currency":"EUR","unitPrice":"0.003","meter":"REQUESTS","effectiveFrom":"2026-01-01"}""",
                Price.perUnit("EUR", "REQUESTS", "0.003"));
        plan(events, "Events", """
                {"model":"PER_UNIT","currency":"EUR","unitPrice":"0.0007","meter":"EVENTS","effectiveFrom":"2026-01-01"}""",
                Price.perUnit("EUR", "EVENTS", "0.0007"));
        plan(files, "Bytes", """
                {"model":"PER_UNIT","currency":"USD","unitPrice":"0.02","meter":"MEGABYTES","effectiveFrom":"2026-01-01"}""",
                Price.perUnit("USD", "MEGABYTES", "0.02"));
        plan(rest, "Tiered", """
                {"model":"TIERED","currency":"EUR","meter":"REQUESTS","effectiveFrom":"2026-01-01",
                 "tiers":[{"upTo":500,"unitPrice":"0"},{"upTo":3000,"unitPrice":"0.002"},{"upTo":null,"unitPrice":"0.001"}]}""",
                Price.tiers("TIERED", "EUR", 500, "0", 3000, "0.002", -1, "0.001"));
        plan(rest, "Volume", """
                {"model":"VOLUME","currency":"EUR","meter":"REQUESTS","effectiveFrom":"2026-01-01",
                 "tiers":[{"upTo":1000,"unitPrice":"0.004"},{"upTo":5000,"unitPrice":"0.003"},{"upTo":null,"unitPrice":"0.002"}]}""",
                Price.tiers("VOLUME", "EUR", 1000, "0.004", 5000, "0.003", -1, "0.002"));
        reprice("Unit", """
                {"model":"PER_UNIT","currency":"EUR","unitPrice":"0.0045","meter":"REQUESTS","effectiveFrom":"2026-09-16"}""",
                Price.perUnit("EUR", "REQUESTS", "0.0045"));
        reprice("Tiered", """
                {"model":"TIERED","currency":"EUR","meter":"REQUESTS","effectiveFrom":"2026-09-21",
                 "tiers":[{"upTo":1000,"unitPrice":"0"},{"upTo":null,"unitPrice":"0.0015"}]}""",
                Price.tiers("TIERED", "EUR", 1000, "0", -1, "0.0015"));

        Organization alpha = organization("Recon Alpha");
        Organization beta = organization("Recon Beta");
        Organization gamma = organization("Recon Gamma");
        String a1 = application(alpha), b1 = application(beta), b2 = application(beta), c1 = application(gamma);
        List<Subscription> subscriptions = List.of(
                subscribe(alpha, a1, "Unit", BEFORE, null),
                subscribe(alpha, a1, "Events", BEFORE, null),
                subscribe(alpha, a1, "Free", BEFORE, null),
                subscribe(beta, b1, "Volume", BEFORE, Instant.parse("2026-09-11T10:00:00Z")),
                subscribe(beta, b1, "Flat", Instant.parse("2026-09-11T10:00:00Z"), null),
                subscribe(beta, b2, "Bytes", BEFORE, null),
                subscribe(gamma, c1, "Tiered", BEFORE, null),
                subscribe(gamma, c1, "Flat", Instant.parse("2026-09-20T00:00:00Z"), null));

        List<UsageRecord> month = traffic(subscriptions, new Random(20260901));
        long stored = count();
        ingest(month.subList(0, month.size() * 3 / 5));
        ingest(month);
        assertThat(count() - stored).isEqualTo(month.size());

        Client billing = newUser("BILLING", null);
        Map<String, JsonNode> drafts = invoicesOf(billing, List.of(alpha, beta, gamma));
        billing.post("/api/v1/billing/periods/2026-09/close", null).expect(200);
        Map<String, JsonNode> finals = invoicesOf(billing, List.of(alpha, beta, gamma));
        assertThat(finals.keySet()).containsExactlyInAnyOrder(alpha.name + " EUR", beta.name + " EUR", beta.name + " USD",
                gamma.name + " EUR");

        for (Organization organization : List.of(alpha, beta, gamma)) {
            Charges expected = Charges.none();
            for (Subscription subscription : subscriptions) {
                if (subscription.organization == organization) {
                    expected.add(PriceOracle.charges(SEPTEMBER, schedules.get(subscription.plan), subscription.startedAt,
                            subscription.endedAt, raw(subscription)));
                }
            }
            Map<String, BigDecimal> reported = reportedAmounts(billing, organization);
            for (String currency : expected.total().keySet()) {
                JsonNode invoice = finals.get(organization.name + " " + currency);
                BigDecimal total = new BigDecimal(invoice.get("total").asString());
                BigDecimal lines = sum(invoice, null);
                assertThat(invoice.get("status").asString()).isEqualTo("FINAL");
                assertThat(lines).as("Σ lines of %s %s", organization.name, currency).isEqualByComparingTo(total);
                assertThat(total).as("total of %s %s", organization.name, currency).isEqualByComparingTo(expected.total().get(currency));
                assertThat(sum(invoice, "USAGE")).as("usage of %s %s", organization.name, currency)
                        .isEqualByComparingTo(expected.usage().get(currency))
                        .isEqualByComparingTo(reported.get(currency));
                assertThat(invoice.get("total").asString()).isEqualTo(drafts.get(organization.name + " " + currency).get("total").asString());
            }
            assertQuantitiesAreTheRawRecords(billing, organization);
        }
        JsonNode beta1 = finals.get(beta.name + " EUR");
        assertThat(kinds(beta1, "Flat")).containsExactly("SETUP_FEE 5.00", "FEE 20.00", "USAGE");
        assertThat(kinds(finals.get(gamma.name + " EUR"), "Flat")).containsExactly("SETUP_FEE 5.00", "FEE 11.00", "USAGE");
        assertThat(finals.get(alpha.name + " EUR").get("lines").valueStream()
                .filter(line -> line.get("plan").asString().equals("Unit")).map(line -> line.get("unitPrice").asString()).toList())
                .containsExactly("0.003", "0.0045");

        ingest(month);
        billing.post("/api/v1/billing/periods/2026-09/close", null).expect(200);
        assertThat(count() - stored).isEqualTo(month.size());
        assertThat(invoicesOf(billing, List.of(alpha, beta, gamma))).isEqualTo(finals);
    }

    @Test
    void callsAndEventsThroughTheGatewayAreInvoicedToTheCentWhileTheMonthIsOpen() throws Exception {
        String context = "/recon-live-" + unique() + "/v1";
        String apiId = admin().post("/api/v1/apis", """
                {"name":"Recon Live","version":"v1","context":"%s","type":"REST","upstream":"%s"}""".formatted(context, upstream.url()))
                .expect(201).id();
        String eventsContext = "/recon-lights-" + unique() + "/v1";
        String eventsApiId = admin().post("/api/v1/apis", """
                {"name":"Recon Lights","version":"v1","context":"%s","type":"EVENT",
                 "channels":[{"name":"measured","address":"lights/measured","directions":["SUBSCRIBE","PUBLISH"]}],
                 "source":{"kind":"BUILTIN"}}""".formatted(eventsContext)).expect(201).id();
        apiOfPlan.put("Live Unit", apiId);
        apiOfPlan.put("Live Tight", apiId);
        apiOfPlan.put("Live Events", eventsApiId);
        plan(apiId, "Live Unit", "{\"model\":\"PER_UNIT\",\"currency\":\"EUR\",\"unitPrice\":\"0.01\",\"meter\":\"REQUESTS\"}",
                Price.perUnit("EUR", "REQUESTS", "0.01"));
        planIds.put("Live Tight", admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Live Tight","auth":"API_KEY","rateLimits":[{"limit":4,"period":"PT1H"}],
                 "pricing":{"model":"TIERED","currency":"EUR","meter":"REQUESTS","tiers":[{"upTo":2,"unitPrice":"0"},{"upTo":null,"unitPrice":"0.05"}]}}
                """).expect(201).id());
        schedules.put("Live Tight", schedule(Price.tiers("TIERED", "EUR", 2, "0", -1, "0.05")));
        planIds.put("Live Events", admin().post("/api/v1/apis/" + eventsApiId + "/plans", """
                {"name":"Live Events","auth":"API_KEY","permissions":["SUBSCRIBE","PUBLISH"],
                 "pricing":{"model":"PER_UNIT","currency":"EUR","unitPrice":"0.002","meter":"EVENTS"}}""").expect(201).id());
        schedules.put("Live Events", schedule(Price.perUnit("EUR", "EVENTS", "0.002")));
        publish(apiId);
        publish(eventsApiId);
        Organization first = organization("Recon Live " + unique());
        Organization second = organization("Recon Live " + unique());
        String firstApp = application(first);
        String secondApp = application(second);
        Subscription unit = subscribeNow(first, firstApp, "Live Unit");
        Subscription published = subscribeNow(first, firstApp, "Live Events");
        Subscription tight = subscribeNow(second, secondApp, "Live Tight");
        String firstKey = key(firstApp);
        String secondKey = key(secondApp);
        awaitGatewayServesCurrentRegistry();

        for (int i = 0; i < 7; i++) {
            assertThat(callGateway(context + "/pets/" + i, "X-API-Key", firstKey).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(callGateway(context + "/pets", null, null).statusCode()).isEqualTo(401);
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> event = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + gateway.port() + eventsContext + "/lights/measured"))
                    .header("X-API-Key", firstKey).header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"lux\":" + (100 * i) + "}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(event.statusCode()).as(event.body()).isEqualTo(202);
        }
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(callGateway(context + "/tight/" + i, "X-API-Key", secondKey).statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        usage.flush();

        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        Map<String, JsonNode> drafts = invoicesOf(admin(), now, List.of(first, second));
        for (Organization organization : List.of(first, second)) {
            Charges expected = Charges.none();
            for (Subscription subscription : List.of(unit, published, tight)) {
                if (subscription.organization == organization) {
                    expected.add(PriceOracle.charges(now, schedules.get(subscription.plan), subscription.startedAt, null,
                            raw(subscription, now)));
                }
            }
            JsonNode invoice = drafts.get(organization.name + " EUR");
            assertThat(invoice.get("status").asString()).isEqualTo("DRAFT");
            assertThat(sum(invoice, null)).isEqualByComparingTo(invoice.get("total").asString())
                    .isEqualByComparingTo(expected.total().get("EUR"))
                    .isEqualByComparingTo(reportedAmounts(admin(), organization, now).get("EUR"));
        }
        assertThat(new BigDecimal(drafts.get(first.name + " EUR").get("total").asString())).isEqualByComparingTo("0.08");
        assertThat(new BigDecimal(drafts.get(second.name + " EUR").get("total").asString())).isEqualByComparingTo("0.10");
        assertThat(jdbc.queryForObject("select count(*) from usage_record where subscription_id = ? and not billable", Long.class,
                UUID.fromString(tight.id))).isEqualTo(2);
    }

    private record Organization(String id, String name) {
    }

    private record Subscription(String id, Organization organization, String application, String plan, Instant startedAt,
                                Instant endedAt) {
    }

    /** A month of calls (some rejected or failed) and events for every subscription while it binds; records sorted by time. */
    private List<UsageRecord> traffic(List<Subscription> subscriptions, Random random) {
        List<UsageRecord> records = new ArrayList<>();
        Instant monthStart = SEPTEMBER.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Subscription subscription : subscriptions) {
            boolean events = subscription.plan.equals("Events");
            Instant from = subscription.startedAt.isAfter(monthStart) ? subscription.startedAt : monthStart;
            Instant to = subscription.endedAt != null ? subscription.endedAt : SEPTEMBER.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            long span = to.getEpochSecond() - from.getEpochSecond();
            int count = (int) (span / 86_400.0 * (subscription.plan.equals("Flat") ? 160 : 60));
            for (int i = 0; i < count; i++) {
                Instant at = from.plusSeconds((long) (random.nextDouble() * span));
                int roll = random.nextInt(100);
                Outcome outcome = roll < 5 ? Outcome.REJECTED : roll < 7 ? Outcome.FAILED : Outcome.ACCEPTED;
                int status = outcome == Outcome.REJECTED ? 429 : outcome == Outcome.FAILED ? 504 : 200;
                boolean event = events && roll % 2 == 0;
                records.add(new UsageRecord(UUID.randomUUID(), at, event ? UsageKind.EVENT : UsageKind.CALL,
                        UUID.fromString(apiOfPlan.get(subscription.plan)), UUID.fromString(planIds.get(subscription.plan)),
                        UUID.fromString(subscription.application), UUID.fromString(subscription.organization.id),
                        UUID.fromString(subscription.id), outcome, "GET", "/recon", status, random.nextInt(2_000),
                        random.nextInt(3_000_000), 900, "req-" + i, "recon"));
            }
        }
        records.sort(java.util.Comparator.comparing(UsageRecord::occurredAt));
        return records;
    }

    private void ingest(List<UsageRecord> records) {
        records.forEach(usage::accept);
        usage.flush();
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from usage_record", Long.class);
    }

    private List<PriceOracle.Usage> raw(Subscription subscription) {
        return raw(subscription, SEPTEMBER);
    }

    private List<PriceOracle.Usage> raw(Subscription subscription, YearMonth month) {
        return jdbc.query("""
                select occurred_at, kind, request_bytes + response_bytes from usage_record
                where subscription_id = ? and billable and occurred_at >= ? and occurred_at < ? order by occurred_at, id""",
                (rs, row) -> new PriceOracle.Usage(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getLong(3)),
                UUID.fromString(subscription.id), Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** The report's quantities per meter are the organization's raw billable records (calls, events, megabytes of byte-priced plans). */
    private void assertQuantitiesAreTheRawRecords(Client billing, Organization organization) throws IOException {
        Map<String, BigDecimal> quantities = new HashMap<>();
        for (CSVRecord row : report(billing, organization, SEPTEMBER)) {
            quantities.merge(row.get("meter"), new BigDecimal(row.get("quantity")), BigDecimal::add);
        }
        Timestamp from = Timestamp.from(SEPTEMBER.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp to = Timestamp.from(SEPTEMBER.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        long calls = jdbc.queryForObject("""
                select count(*) from usage_record u join plan p on p.id = u.plan_id
                where u.organization_id = ? and u.billable and u.kind = 'CALL' and u.occurred_at >= ? and u.occurred_at < ?
                  and p.pricing ->> 'meter' is distinct from 'MEGABYTES' and p.pricing ->> 'meter' is distinct from 'EVENTS'""",
                Long.class, UUID.fromString(organization.id), from, to);
        long events = jdbc.queryForObject("""
                select count(*) from usage_record where organization_id = ? and billable and kind = 'EVENT'
                  and occurred_at >= ? and occurred_at < ?""", Long.class, UUID.fromString(organization.id), from, to);
        BigDecimal bytes = jdbc.queryForObject("""
                select coalesce(sum(request_bytes + response_bytes), 0) from usage_record u join plan p on p.id = u.plan_id
                where u.organization_id = ? and u.billable and u.occurred_at >= ? and u.occurred_at < ?
                  and p.pricing ->> 'meter' = 'MEGABYTES'""", BigDecimal.class, UUID.fromString(organization.id), from, to);
        assertThat(quantities.getOrDefault("REQUESTS", BigDecimal.ZERO)).isEqualByComparingTo(BigDecimal.valueOf(calls));
        assertThat(quantities.getOrDefault("EVENTS", BigDecimal.ZERO)).isEqualByComparingTo(BigDecimal.valueOf(events));
        assertThat(quantities.getOrDefault("MEGABYTES", BigDecimal.ZERO)).isEqualByComparingTo(bytes.movePointLeft(6));
    }

    private Map<String, BigDecimal> reportedAmounts(Client billing, Organization organization) throws IOException {
        return reportedAmounts(billing, organization, SEPTEMBER);
    }

    private Map<String, BigDecimal> reportedAmounts(Client billing, Organization organization, YearMonth month) throws IOException {
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (CSVRecord row : report(billing, organization, month)) {
            if (!row.get("currency").isEmpty()) {
                amounts.merge(row.get("currency"), new BigDecimal(row.get("amount")), BigDecimal::add);
            }
        }
        return amounts;
    }

    private List<CSVRecord> report(Client billing, Organization organization, YearMonth month) throws IOException {
        String csv = billing.get("/api/v1/billing/usage-report?from=" + month.atDay(1) + "&to=" + month.plusMonths(1).atDay(1)
                + "&organization=" + organization.id, "text/csv").expect(200).body();
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    private Map<String, JsonNode> invoicesOf(Client billing, List<Organization> organizations) {
        return invoicesOf(billing, SEPTEMBER, organizations);
    }

    private Map<String, JsonNode> invoicesOf(Client billing, YearMonth month, List<Organization> organizations) {
        Map<String, JsonNode> invoices = new LinkedHashMap<>();
        for (Organization organization : organizations) {
            billing.get("/api/v1/billing/invoices?period=" + month + "&organization=" + organization.id).expect(200).json().valueStream()
                    .forEach(invoice -> invoices.put(organization.name + " " + invoice.get("currency").asString(), invoice));
        }
        return invoices;
    }

    private static BigDecimal sum(JsonNode invoice, String kind) {
        return invoice.get("lines").valueStream().filter(line -> kind == null || line.get("kind").asString().equals(kind))
                .map(line -> new BigDecimal(line.get("amount").asString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<String> kinds(JsonNode invoice, String plan) {
        return invoice.get("lines").valueStream().filter(line -> line.get("plan").asString().equals(plan))
                .map(line -> line.get("kind").asString() + (line.get("kind").asString().equals("USAGE") ? "" : " " + line.get("amount").asString()))
                .toList();
    }

    private String api(String name, String type) {
        String id = admin().post("/api/v1/apis", """
                {"name":"%s","version":"v1","context":"/recon-%s/v1","type":"%s","upstream":"http://127.0.0.1:9101"}
                """.formatted(name, unique(), type)).expect(201).id();
        return publish(id);
    }

    private void plan(String apiId, String name, String pricing, Price price) {
        planIds.put(name, admin().post("/api/v1/apis/" + apiId + "/plans",
                "{\"name\":\"" + name + "\",\"auth\":\"API_KEY\",\"pricing\":" + pricing + "}").expect(201).id());
        apiOfPlan.putIfAbsent(name, apiId);
        schedules.put(name, schedule(price));
    }

    private void reprice(String name, String pricing, Price price) {
        admin().put("/api/v1/plans/" + planIds.get(name), "{\"name\":\"" + name + "\",\"auth\":\"API_KEY\",\"pricing\":" + pricing + "}")
                .expect(200);
        schedules.get(name).put(LocalDate.parse(admin().get("/api/v1/plans/" + planIds.get(name)).json()
                .get("pricing").get("effectiveFrom").asString()), price);
    }

    private static TreeMap<LocalDate, Price> schedule(Price price) {
        TreeMap<LocalDate, Price> schedule = new TreeMap<>();
        schedule.put(LocalDate.of(2026, 1, 1), price);
        return schedule;
    }

    private Organization organization(String name) {
        String unique = name + " " + unique();
        return new Organization(admin().post("/api/v1/organizations", "{\"name\":\"" + unique + "\"}").expect(201).id(), unique);
    }

    private String application(Organization organization) {
        return createApplication(organization.id);
    }

    /** Subscribes through the API, then moves the subscription's dates into the test month (and cancels it when it ended). */
    private Subscription subscribe(Organization organization, String application, String plan, Instant startedAt, Instant endedAt) {
        String id = subscribeNow(organization, application, plan).id;
        if (endedAt != null) {
            admin().post("/api/v1/subscriptions/" + id + "/cancel", null).expect(200);
        }
        jdbc.update("update subscription set started_at = ?, ended_at = ? where id = ?", Timestamp.from(startedAt),
                endedAt == null ? null : Timestamp.from(endedAt), UUID.fromString(id));
        return new Subscription(id, organization, application, plan, startedAt, endedAt);
    }

    private Subscription subscribeNow(Organization organization, String application, String plan) {
        JsonNode subscription = admin().post("/api/v1/subscriptions",
                "{\"applicationId\":\"" + application + "\",\"planId\":\"" + planIds.get(plan) + "\"}").expect(201).json();
        Instant startedAt = jdbc.queryForObject("select started_at from subscription where id = ?", Timestamp.class,
                UUID.fromString(subscription.get("id").asString())).toInstant();
        return new Subscription(subscription.get("id").asString(), organization, application, plan, startedAt, null);
    }

    private String key(String application) {
        return admin().post("/api/v1/applications/" + application + "/api-keys", "{\"name\":\"recon\"}").expect(201).json()
                .get("key").asString();
    }
}
