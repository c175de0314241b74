package io.gatehouse.analytics.rating;

/** What a rated line charges for. */
public enum LineKind {
    /** Units of a meter: per unit, tiers, or a flat price's overage. */
    USAGE,
    /** A flat price's fee for the days the subscription bound in the period, prorated by day. */
    FEE,
    /** A price's setup fee, once, in the period the subscription started. */
    SETUP_FEE
}
