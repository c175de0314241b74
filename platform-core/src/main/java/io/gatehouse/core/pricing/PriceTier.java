package io.gatehouse.core.pricing;

import java.math.BigDecimal;

/**
 * One band of a {@link PriceModel#TIERED} or {@link PriceModel#VOLUME} price: units up to and including
 * {@code upTo} (counted from the start of the period) cost {@code unitPrice}; {@code upTo} is
 * {@code null} on the last, unbounded tier.
 */
public record PriceTier(Long upTo, BigDecimal unitPrice) {
}
