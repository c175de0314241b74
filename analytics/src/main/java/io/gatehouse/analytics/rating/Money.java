package io.gatehouse.analytics.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** The one rounding rule: half-even to the currency's minor unit (2 decimals for EUR, 0 for JPY), per line. */
public final class Money {

    /** The amount of a line with no currency (a FREE price). */
    public static final BigDecimal NOTHING = new BigDecimal("0.00");

    private Money() {
    }

    public static BigDecimal round(BigDecimal exact, Currency currency) {
        return currency == null ? NOTHING : exact.setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
    }
}
