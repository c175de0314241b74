package io.gatehouse.core.plan;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** A cap per calendar period (UTC), and what happens past it. */
public record Quota(@Positive long limit, @NotNull Period period, OnExceed onExceed) {

    public enum Period { DAY, MONTH }

    public enum OnExceed { BLOCK, BILL }
}
