package io.gatehouse.gateway.policy;

/** The points of a call or a subscription at which a {@link PolicyChain} runs its policies. */
public enum Phase {
    /** A request arrived and was routed; nothing has gone upstream yet. */
    REQUEST,
    /** The upstream's status and headers arrived; nothing has gone to the client yet. */
    RESPONSE,
    /** A consumer connects to an event channel or registers a webhook. */
    SUBSCRIBE,
    /** One event passes, in either direction. */
    MESSAGE,
    /** The client has been served (or the call failed); only observation is left. */
    LOG
}
