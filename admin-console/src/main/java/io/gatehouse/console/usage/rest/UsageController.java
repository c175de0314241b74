package io.gatehouse.console.usage.rest;

import io.gatehouse.analytics.usage.UsageQueryService;
import io.gatehouse.console.problem.InvalidParameterException;
import io.gatehouse.core.error.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/usage}: calls and events per API × application over {@code [from, to)}. Without
 * {@code from} the window starts at the beginning of the ledger; without {@code to} it ends now.
 */
@RestController
@RequestMapping("/api/v1/usage")
public class UsageController {

    private static final Set<String> DIMENSIONS = Set.of("api", "application");

    private final UsageQueryService usage;

    public UsageController(UsageQueryService usage) {
        this.usage = usage;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN', 'PUBLISHER', 'BILLING')")
    public List<UsageView> usage(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(defaultValue = "api,application") List<String> groupBy) {
        TimeWindow window = TimeWindow.parse(from, to, Instant.EPOCH, Instant.now());
        try {
            return usage.summarize(window.from(), window.to(), dimensions(groupBy)).stream().map(UsageView::of).toList();
        } catch (InvalidInputException e) {
            throw InvalidParameterException.of(e);
        }
    }

    private static Set<String> dimensions(List<String> groupBy) {
        Set<String> dimensions = new LinkedHashSet<>();
        for (String dimension : groupBy) {
            String name = dimension.strip();
            if (!DIMENSIONS.contains(name)) {
                throw new InvalidParameterException("groupBy", "must list api and/or application, not " + name);
            }
            dimensions.add(name);
        }
        return dimensions;
    }
}
