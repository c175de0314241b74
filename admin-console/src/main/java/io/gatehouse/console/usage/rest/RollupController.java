package io.gatehouse.console.usage.rest;

import io.gatehouse.analytics.rollup.RollupRebuildService;
import io.gatehouse.console.problem.InvalidParameterException;
import io.gatehouse.core.error.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/usage/rollups/rebuild?from&to}: recomputes the usage rollups of the whole UTC days
 * around {@code [from, to)} from the raw records (admins only). Refused (400) for days whose raw records
 * have been purged.
 */
@RestController
@RequestMapping("/api/v1/usage/rollups")
public class RollupController {

    private final RollupRebuildService rollups;

    public RollupController(RollupRebuildService rollups) {
        this.rollups = rollups;
    }

    @PostMapping("/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    public RollupRebuildService.Rebuilt rebuild(@RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to) {
        TimeWindow window = TimeWindow.parse(from, to);
        try {
            return rollups.rebuild(window.from(), window.to());
        } catch (InvalidInputException e) {
            throw new InvalidParameterException("from", e.problems().getFirst().detail());
        }
    }
}
