package io.gatehouse.analytics.invoice;

import io.gatehouse.analytics.rating.MeteredUsage;
import io.gatehouse.analytics.rating.RatedLine;
import io.gatehouse.analytics.rating.Rater;
import io.gatehouse.analytics.rating.RatingWindow;
import io.gatehouse.analytics.rating.Subject;
import io.gatehouse.analytics.rating.UsageFilter;
import io.gatehouse.core.pricing.PlanPrices;
import io.gatehouse.core.pricing.PriceHistory;
import io.gatehouse.core.pricing.Pricing;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rates a whole month for invoices: every subscription with billable usage in it (read through
 * {@link MeteredUsage}), and every subscription that bound during it without usage (its fees).
 * Keyless traffic has no organization to invoice and is left out.
 */
@Component
class PeriodRating {

    private static final String BINDING = """
            select s.id, s.plan_id, p.name as plan, a.id as api_id, a.name as api, app.id as application_id,
                   app.name as application, o.id as organization_id, o.name as organization, s.started_at, s.ended_at
            from subscription s
            join application app on app.id = s.application_id
            join organization o on o.id = app.organization_id
            join plan p on p.id = s.plan_id
            join api a on a.id = p.api_id
            where s.started_at < :end and (s.ended_at is null or s.ended_at > :start) %s
            """;

    private final MeteredUsage metered;
    private final PlanPrices prices;
    private final NamedParameterJdbcTemplate jdbc;

    PeriodRating(MeteredUsage metered, PlanPrices prices, NamedParameterJdbcTemplate jdbc) {
        this.metered = metered;
        this.prices = prices;
        this.jdbc = jdbc;
    }

    /** The lines of {@code month}, of one organization or (null) of all. */
    List<RatedLine> rate(YearMonth month, UUID organizationId) {
        Map<UUID, PriceHistory> histories = prices.histories();
        RatingWindow window = RatingWindow.of(month);
        List<RatedLine> lines = new ArrayList<>();
        Set<UUID> rated = new HashSet<>();
        metered.forEachSubject(window.from(), window.to(), new UsageFilter(organizationId, null, null), (subject, days) -> {
            if (subject.subscriptionId() != null && subject.organizationId() != null && subject.planId() != null) {
                rated.add(subject.subscriptionId());
                lines.addAll(Rater.rate(subject, history(histories, subject.planId()), window, days, true));
            }
        });
        for (Subject subject : binding(window, organizationId)) {
            if (!rated.contains(subject.subscriptionId())) {
                lines.addAll(Rater.rate(subject, history(histories, subject.planId()), window, Map.of(), true));
            }
        }
        return lines;
    }

    private List<Subject> binding(RatingWindow window, UUID organizationId) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("start", OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC))
                .addValue("end", OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC))
                .addValue("organization", organizationId);
        return jdbc.query(BINDING.formatted(organizationId == null ? "" : "and o.id = :organization"), params,
                (rs, row) -> new Subject(rs.getObject("id", UUID.class), rs.getObject("plan_id", UUID.class), rs.getString("plan"),
                        rs.getObject("api_id", UUID.class), rs.getString("api"), rs.getObject("application_id", UUID.class),
                        rs.getString("application"), rs.getObject("organization_id", UUID.class), rs.getString("organization"),
                        rs.getTimestamp("started_at").toInstant(), instant(rs.getTimestamp("ended_at"))));
    }

    private static PriceHistory history(Map<UUID, PriceHistory> histories, UUID planId) {
        PriceHistory history = histories.get(planId);
        return history != null ? history : new PriceHistory(List.of(Pricing.FREE.withEffectiveFrom(LocalDate.EPOCH)));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
