package io.gatehouse.core.pricing;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The price versions of one plan, oldest first, each carrying its {@link Pricing#effectiveFrom()}. The
 * version that applies to a day is the latest one effective on or before it; the oldest one also
 * applies to every day before it (a plan's first price is its price from the start).
 */
public record PriceHistory(List<Pricing> versions) {

    public PriceHistory {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one price");
        }
        versions = versions.stream().sorted(Comparator.comparing(Pricing::effectiveFrom)).toList();
    }

    public Pricing at(LocalDate day) {
        Pricing applies = versions.getFirst();
        for (Pricing version : versions) {
            if (version.effectiveFrom().isAfter(day)) {
                break;
            }
            applies = version;
        }
        return applies;
    }
}
