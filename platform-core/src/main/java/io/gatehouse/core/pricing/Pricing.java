package io.gatehouse.core.pricing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plan's price, typed: the model, its currency and meter, and the amounts the model uses. Amounts
 * are {@link BigDecimal}s, never floating point; on the wire and in the database they are decimal
 * strings ({@code "49.00"}), in the shape of the management API's contract ({@link #toMap}). Read one
 * with {@link PricingParser}, which names every broken field.
 *
 * <ul>
 * <li>{@code FREE}: nothing else.</li>
 * <li>{@code FLAT}: {@code fee} per calendar month, {@code includedUnits} of {@code meter} included,
 * each unit past them at {@code overageUnitPrice} (zero when absent).</li>
 * <li>{@code PER_UNIT}: {@code unitPrice} per unit of {@code meter}.</li>
 * <li>{@code TIERED}, {@code VOLUME}: {@code tiers} on {@code meter}.</li>
 * </ul>
 * Any model but FREE may carry a {@code setupFee}, charged once when a subscription starts.
 * {@code effectiveFrom} is the first day (UTC) the price applies to; {@code null} on input means
 * "today" for a change and "always" for a plan's first price.
 */
public record Pricing(
        PriceModel model,
        Currency currency,
        Meter meter,
        BigDecimal fee,
        Long includedUnits,
        BigDecimal overageUnitPrice,
        BigDecimal unitPrice,
        List<PriceTier> tiers,
        BigDecimal setupFee,
        LocalDate effectiveFrom) {

    /** The price of a plan that says none. */
    public static final Pricing FREE = new Pricing(PriceModel.FREE, null, null, null, null, null, null, List.of(), null, null);

    /** The only fee period: invoices are per calendar month. */
    public static final String MONTH = "MONTH";

    public Pricing {
        Objects.requireNonNull(model, "model");
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    public Pricing withEffectiveFrom(LocalDate day) {
        return new Pricing(model, currency, meter, fee, includedUnits, overageUnitPrice, unitPrice, tiers, setupFee, day);
    }

    /** Whether both prices charge the same, whatever their effective dates. */
    public boolean sameTermsAs(Pricing other) {
        return other != null && withEffectiveFrom(null).toMap().equals(other.withEffectiveFrom(null).toMap());
    }

    public boolean free() {
        return model == PriceModel.FREE;
    }

    /** The contract's JSON shape: amounts as decimal strings, only the fields the model uses. */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("model", model.name());
        if (model != PriceModel.FREE) {
            map.put("currency", currency.getCurrencyCode());
            switch (model) {
                case FLAT -> {
                    map.put("fee", fee.toPlainString());
                    map.put("period", MONTH);
                    map.put("includedUnits", includedUnits);
                    map.put("overageUnitPrice", overageUnitPrice.toPlainString());
                }
                case PER_UNIT -> map.put("unitPrice", unitPrice.toPlainString());
                case TIERED, VOLUME -> {
                    List<Map<String, Object>> bands = new ArrayList<>();
                    for (PriceTier tier : tiers) {
                        Map<String, Object> band = new LinkedHashMap<>();
                        band.put("upTo", tier.upTo());
                        band.put("unitPrice", tier.unitPrice().toPlainString());
                        bands.add(band);
                    }
                    map.put("tiers", bands);
                }
                default -> {
                }
            }
            map.put("meter", meter.name());
            if (setupFee != null) {
                map.put("setupFee", setupFee.toPlainString());
            }
        }
        if (effectiveFrom != null) {
            map.put("effectiveFrom", effectiveFrom.toString());
        }
        return map;
    }
}
