package io.gatehouse.core.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The price versions of plans (table {@code plan_price}), one per plan and effective day. */
@Repository
public class PlanPrices {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    public PlanPrices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records {@code pricing} as the plan's price from its effective day on, replacing the versions
     * effective on or after that day (a change supersedes what was scheduled after it).
     */
    public void record(UUID planId, Pricing pricing) {
        jdbc.update("delete from plan_price where plan_id = ? and effective_from >= ?", planId, Date.valueOf(pricing.effectiveFrom()));
        jdbc.update("insert into plan_price (plan_id, effective_from, pricing) values (?, ?, ?::jsonb)",
                planId, Date.valueOf(pricing.effectiveFrom()), json(pricing));
    }

    public PriceHistory history(UUID planId) {
        List<Pricing> versions = jdbc.query("select effective_from, pricing::text from plan_price where plan_id = ? order by effective_from",
                (rs, row) -> read(rs.getDate(1).toLocalDate(), rs.getString(2)), planId);
        return versions.isEmpty() ? new PriceHistory(List.of(Pricing.FREE.withEffectiveFrom(LocalDate.EPOCH)))
                : new PriceHistory(versions);
    }

    /** Every plan's history, for a rating run. */
    public Map<UUID, PriceHistory> histories() {
        Map<UUID, List<Pricing>> versions = new HashMap<>();
        jdbc.query("select plan_id, effective_from, pricing::text from plan_price order by plan_id, effective_from", rs -> {
            versions.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(read(rs.getDate(2).toLocalDate(), rs.getString(3)));
        });
        Map<UUID, PriceHistory> histories = new HashMap<>();
        versions.forEach((plan, list) -> histories.put(plan, new PriceHistory(list)));
        return histories;
    }

    private static Pricing read(LocalDate effectiveFrom, String json) {
        try {
            return PricingParser.parseValid(JSON.readValue(json, MAP)).withEffectiveFrom(effectiveFrom);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored price: " + json, e);
        }
    }

    private static String json(Pricing pricing) {
        try {
            return JSON.writeValueAsString(pricing.toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
