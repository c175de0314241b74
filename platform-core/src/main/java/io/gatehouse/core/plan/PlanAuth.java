package io.gatehouse.core.plan;

/** How consumers of a plan prove who they are at the gateway. */
public enum PlanAuth {
    /** {@code X-API-Key} (or the API's configured header) carrying a key of the subscribed application. */
    API_KEY,
    /** {@code Authorization: Bearer} with a JWT naming the subscribed application. */
    OAUTH2,
    /** No credential; calls are anonymous and metered against the plan only. */
    KEYLESS
}
