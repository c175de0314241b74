package io.gatehouse.analytics.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The first, thin rating: prices a count of requests under a plan's {@code pricing} when the model
 * is {@code FREE} (unit price 0, amount 0.00, no currency) or {@code PER_UNIT} on the {@code REQUESTS}
 * meter (amount = quantity × unitPrice, rounded half-even to 2 decimals, in the pricing's currency).
 * Every other model (FLAT, TIERED, VOLUME, other meters, a malformed price) is left unrated; full
 * rating with included units, tiers and overage comes with invoices.
 */
public record RequestPricing(String model, String meter, String unitPrice, String currency) {

    public static final String REQUESTS = "REQUESTS";

    public Charge charge(long quantity) {
        if ("FREE".equals(model)) {
            return new Charge("0", "0.00", "");
        }
        if (!"PER_UNIT".equals(model) || !(meter == null || REQUESTS.equals(meter)) || unitPrice == null) {
            return Charge.UNRATED;
        }
        BigDecimal price;
        try {
            price = new BigDecimal(unitPrice.strip());
        } catch (NumberFormatException e) {
            return Charge.UNRATED;
        }
        if (price.signum() < 0) {
            return Charge.UNRATED;
        }
        BigDecimal amount = price.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_EVEN);
        return new Charge(unitPrice.strip(), amount.toPlainString(), currency == null ? "" : currency);
    }
}
