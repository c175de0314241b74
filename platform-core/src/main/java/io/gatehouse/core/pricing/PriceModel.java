package io.gatehouse.core.pricing;

/** How a plan turns usage into money; see {@link Pricing} for the fields each model takes. */
public enum PriceModel {
    /** Nothing to pay. */
    FREE,
    /** A fee per period that includes a number of units; units past them cost the overage unit price. */
    FLAT,
    /** Every unit costs the same. */
    PER_UNIT,
    /** Graduated: each unit costs the price of the tier it falls in (the first 1000 at one price, the next at another…). */
    TIERED,
    /** Every unit costs the price of the one tier the period's whole quantity falls in. */
    VOLUME
}
