package io.gatehouse.analytics.rating;

import java.math.BigDecimal;

/**
 * What one tier of a tiered or volume price charged: {@code quantity} units (those above
 * {@code from} up to {@code upTo}, null when unbounded) at {@code unitPrice}; {@code amount} is exact,
 * only the line's total is rounded.
 */
public record TierCharge(long from, Long upTo, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
