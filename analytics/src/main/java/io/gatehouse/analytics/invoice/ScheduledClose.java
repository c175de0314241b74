package io.gatehouse.analytics.invoice;

import io.gatehouse.analytics.rating.RatingWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the previous month on its own once {@code gatehouse.billing.close-grace} (default 6 hours)
 * has passed after its end, leaving late usage records (a gateway replaying its journal after an
 * outage) time to arrive. Checks every {@code gatehouse.billing.close-check-interval} (15 minutes);
 * off with {@code gatehouse.billing.auto-close=false}. Several control planes may run it: closing
 * is serialized and idempotent.
 */
@Component
@ConditionalOnProperty(name = "gatehouse.billing.auto-close", havingValue = "true", matchIfMissing = true)
class ScheduledClose {

    private static final Logger log = LoggerFactory.getLogger(ScheduledClose.class);

    private final InvoiceService invoices;
    private final BillingPeriods periods;
    private final Duration grace;
    private final Clock clock;

    ScheduledClose(InvoiceService invoices, BillingPeriods periods, @Value("${gatehouse.billing.close-grace:PT6H}") Duration grace,
                   ObjectProvider<Clock> clock) {
        this.invoices = invoices;
        this.periods = periods;
        this.grace = grace;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @Scheduled(initialDelayString = "${gatehouse.billing.close-check-interval:PT15M}",
            fixedDelayString = "${gatehouse.billing.close-check-interval:PT15M}")
    void closeLastMonth() {
        Instant now = clock.instant();
        YearMonth last = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(1);
        if (now.isBefore(RatingWindow.start(last.plusMonths(1)).plus(grace)) || periods.isClosed(last)) {
            return;
        }
        PeriodClose closed = invoices.close(last, "scheduler");
        log.info("Closed billing period {}: {} final invoice(s)", last, closed.invoices().size());
    }
}
