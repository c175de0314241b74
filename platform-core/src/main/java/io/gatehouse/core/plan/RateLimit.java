package io.gatehouse.core.plan;

import io.gatehouse.core.error.FieldProblem;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One rate-limit window: at most {@code limit} calls (or events) per {@code period}, an ISO-8601
 * duration such as {@code PT1S}, {@code PT1M} or {@code PT1H}. {@code burst} (optional, default 0)
 * is extra capacity on top of {@code limit}: an idle consumer may send up to {@code limit + burst}
 * calls at once, while the window still refills at {@code limit} per {@code period}.
 */
public record RateLimit(@Positive long limit, @NotBlank String period, @PositiveOrZero Long burst) {

    public RateLimit(long limit, String period) {
        this(limit, period, null);
    }

    public Duration window() {
        return Duration.parse(period);
    }

    /** The burst allowance; 0 when none was given. */
    public long burstOrZero() {
        return burst == null ? 0 : burst;
    }

    /** A problem with the period, or {@code null} when it is a usable window. */
    public String periodProblem() {
        if (period == null || period.isBlank()) {
            return null;
        }
        try {
            Duration window = Duration.parse(period);
            if (window.isNegative() || window.isZero()) {
                return "must be a positive duration";
            }
            return window.compareTo(Duration.ofMillis(100)) < 0 ? "must be at least PT0.1S" : null;
        } catch (DateTimeParseException e) {
            return "must be an ISO-8601 duration such as PT1S, PT1M or PT1H";
        }
    }

    /** The period problems of {@code limits}, with pointers under {@code pointer} (e.g. {@code /rateLimits}). */
    public static List<FieldProblem> periodProblems(String pointer, List<RateLimit> limits) {
        List<FieldProblem> problems = new ArrayList<>();
        if (limits != null) {
            for (int i = 0; i < limits.size(); i++) {
                String problem = limits.get(i) == null ? null : limits.get(i).periodProblem();
                if (problem != null) {
                    problems.add(new FieldProblem(pointer + "/" + i + "/period", problem));
                }
            }
        }
        return problems;
    }
}
