package io.gatehouse.core.api;

import java.util.Set;

/** The lifecycle of an API: {@code DRAFT → PUBLISHED → DEPRECATED → RETIRED}. */
public enum ApiState {
    DRAFT, PUBLISHED, DEPRECATED, RETIRED;

    /** Whether the gateway serves an API in this state. Deprecated APIs keep serving existing consumers. */
    public boolean served() {
        return this == PUBLISHED || this == DEPRECATED;
    }

    public boolean canMoveTo(ApiState target) {
        return switch (this) {
            case DRAFT -> target == PUBLISHED;
            case PUBLISHED -> Set.of(DEPRECATED, RETIRED).contains(target);
            case DEPRECATED -> Set.of(PUBLISHED, RETIRED).contains(target);
            case RETIRED -> false;
        };
    }
}
