package io.gatehouse.core.pricing;

import java.time.LocalDate;

/**
 * Keeps price changes out of closed billing periods. Implemented where periods are closed (the
 * analytics module's invoices); a process without it (a gateway alone) changes no prices.
 *
 * <p>Contract: {@link #requireOpen} is called inside the transaction that records a price version. It
 * must throw {@link io.gatehouse.core.error.ConflictException} (pointer {@code /pricing/effectiveFrom})
 * when {@code day} falls in a closed period, and must hold whatever lock its closing takes until that
 * transaction ends, so that no period closes between the check and the commit with a price it did not
 * see.
 */
public interface ClosedPeriodGuard {

    void requireOpen(LocalDate day);
}
