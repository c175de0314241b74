package io.gatehouse.analytics.rating;

/**
 * What a quantity of usage costs under a plan's price: decimal strings, never floating point.
 * Every field is empty when the price model is not rated yet.
 */
public record Charge(String unitPrice, String amount, String currency) {

    public static final Charge UNRATED = new Charge("", "", "");

    public boolean rated() {
        return !amount.isEmpty();
    }
}
