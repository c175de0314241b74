package io.gatehouse.analytics.export;

import io.gatehouse.analytics.rating.MeteredUsage;
import io.gatehouse.analytics.rating.RatedLine;
import io.gatehouse.analytics.rating.Rater;
import io.gatehouse.analytics.rating.RatingWindow;
import io.gatehouse.analytics.rating.TierCharge;
import io.gatehouse.core.pricing.PlanPrices;
import io.gatehouse.core.pricing.PriceHistory;
import io.gatehouse.core.pricing.Pricing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The billing usage report: billable usage and what it costs, rated exactly as invoices rate it
 * ({@link Rater}; fees are on invoices, not here). The period is cut at month boundaries (UTC); in
 * each month, one row per subscription × meter × price version, in the order of organization,
 * application, API and plan name (anonymous callers of keyless plans last). For a whole month the
 * amounts are those of the month's invoice USAGE lines; for part of a month, the part is rated as if
 * it were the period (tiers count from zero, included units are prorated by the days it holds).
 * Rows stream from a database cursor: memory holds one subscription's days at a time.
 */
@Service
@Transactional
public class UsageReportService {

    /** The CSV columns of the management API's contract, in this order. */
    public static final List<String> COLUMNS = List.of("period_start", "period_end", "organization", "application",
            "api", "plan", "meter", "quantity", "unit_price", "amount", "currency");
    /** The columns after the contract's. */
    public static final List<String> EXTRA_COLUMNS = List.of("subscription_id", "model", "price_effective_from",
            "included_units", "billed_quantity", "tiers");

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setHeader(header())
            .get();

    private final MeteredUsage metered;
    private final PlanPrices prices;

    public UsageReportService(MeteredUsage metered, PlanPrices prices) {
        this.metered = metered;
        this.prices = prices;
    }

    /**
     * Writes the report as RFC 4180 CSV (header row first, CRLF line ends) to {@code out}, row by row as
     * the database cursor yields them. Flushes but does not close {@code out}.
     */
    public void writeCsv(ReportQuery query, Writer out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSV);
            forEachRow(query, row -> {
                try {
                    printer.printRecord(row.periodStart(), row.periodEnd(), row.organization(), row.application(), row.api(),
                            row.plan(), row.meter(), row.quantity().toPlainString(), row.unitPrice(), row.amount(),
                            row.currency(), row.subscriptionId() == null ? "" : row.subscriptionId(), row.model(),
                            row.priceEffectiveFrom(), row.includedUnits() == null ? "" : row.includedUnits(),
                            row.billedQuantity() == null ? "" : row.billedQuantity().toPlainString(), row.tiers());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same rows as {@link #writeCsv}, as a list (for small periods and tests). */
    public List<UsageReportRow> rows(ReportQuery query) {
        List<UsageReportRow> rows = new ArrayList<>();
        forEachRow(query, rows::add);
        return rows;
    }

    /** Hands every row to {@code each}, in report order, as it is rated. */
    public void forEachRow(ReportQuery query, Consumer<UsageReportRow> each) {
        Objects.requireNonNull(query, "query");
        Map<UUID, PriceHistory> histories = prices.histories();
        for (RatingWindow window : months(query)) {
            metered.forEachSubject(window.from(), window.to(), query.filter(), (subject, days) -> {
                if (subject.planId() == null) {
                    return;
                }
                PriceHistory history = histories.getOrDefault(subject.planId(),
                        new PriceHistory(List.of(Pricing.FREE.withEffectiveFrom(LocalDate.EPOCH))));
                for (RatedLine line : Rater.rate(subject, history, window, days, false)) {
                    each.accept(row(window, line));
                }
            });
        }
    }

    private static List<RatingWindow> months(ReportQuery query) {
        List<RatingWindow> windows = new ArrayList<>();
        Instant from = query.from();
        while (from.isBefore(query.to())) {
            YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC));
            Instant monthEnd = RatingWindow.start(month.plusMonths(1));
            Instant to = monthEnd.isBefore(query.to()) ? monthEnd : query.to();
            windows.add(new RatingWindow(month, from, to));
            from = to;
        }
        return windows;
    }

    private static UsageReportRow row(RatingWindow window, RatedLine line) {
        return new UsageReportRow(window.from(), window.to(), text(line.subject().organization()),
                text(line.subject().application()), text(line.subject().api()), text(line.subject().plan()),
                line.meter().name(), line.quantity(), line.unitPrice() == null ? "" : line.unitPrice().toPlainString(),
                line.amount().toPlainString(), line.currency() == null ? "" : line.currency().getCurrencyCode(),
                line.subject().subscriptionId(), line.model().name(), line.priceEffectiveFrom(), line.includedUnits(),
                line.billedQuantity(), tiers(line.tiers()));
    }

    /** {@code "0-1000: 1000 x 0 = 0; 1000-: 500 x 0.001 = 0.5"}. */
    static String tiers(List<TierCharge> tiers) {
        return tiers.stream().map(tier -> tier.from() + "-" + (tier.upTo() == null ? "" : tier.upTo()) + ": "
                        + tier.quantity().toPlainString() + " x " + tier.unitPrice().toPlainString() + " = "
                        + tier.amount().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining("; "));
    }

    private static String[] header() {
        List<String> header = new ArrayList<>(COLUMNS);
        header.addAll(EXTRA_COLUMNS);
        return header.toArray(String[]::new);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
