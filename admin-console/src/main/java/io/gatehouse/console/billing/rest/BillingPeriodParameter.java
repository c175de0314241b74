package io.gatehouse.console.billing.rest;

import io.gatehouse.console.problem.InvalidParameterException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** A billing period named in a request: a calendar month, {@code 2026-11}. */
final class BillingPeriodParameter {

    private BillingPeriodParameter() {
    }

    static YearMonth parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException("period", "is required: a month such as 2026-11");
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("period", "must be a month such as 2026-11");
        }
    }
}
