package io.gatehouse.analytics.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What is rated: {@code [from, to)} inside one calendar month (UTC). An invoice rates the whole month;
 * a usage report may rate part of one. A day counts toward fees when it starts inside the window.
 */
public record RatingWindow(YearMonth month, Instant from, Instant to) {

    public RatingWindow {
        Instant start = start(month);
        Instant end = start(month.plusMonths(1));
        if (from.isBefore(start) || to.isAfter(end) || !from.isBefore(to)) {
            throw new IllegalArgumentException("[" + from + ", " + to + ") is not a non-empty part of " + month);
        }
    }

    public static RatingWindow of(YearMonth month) {
        return new RatingWindow(month, start(month), start(month.plusMonths(1)));
    }

    public static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean wholeMonth() {
        return from.equals(start(month)) && to.equals(start(month.plusMonths(1)));
    }

    /** Every day the window touches, in order. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }

    /** Whether {@code day} starts inside the window, so that its share of a flat fee belongs to it. */
    public boolean holdsStartOf(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return !start.isBefore(from) && start.isBefore(to);
    }

    public int daysInMonth() {
        return month.lengthOfMonth();
    }
}
