package io.gatehouse.gateway.policy;

import io.gatehouse.gateway.exchange.Exchange;

/**
 * One rule the gateway enforces on calls and on messages: authentication, subscription checks, rate
 * limits, quotas, metering. A policy implements only the phases it needs; every phase defaults to
 * {@link Verdict#proceed()}.
 *
 * <p>Contract: a policy instance is built once per config snapshot for one API, from a config record
 * and the snapshot, and then shared by every call to that API on every thread, so it keeps no
 * per-call state in fields; per-call state lives in the {@link Exchange}. A phase method runs on a
 * network event loop: it must not block (no I/O, no locks held for long, no sleeping). A decision
 * that needs remote state returns {@link Verdict#pending} with a stage that completes off the event
 * loop. A phase returns quickly and never {@code null}; an exception thrown from a phase fails the
 * call with a 500 problem (in {@link Phase#LOG} it is logged and the other policies still run).
 *
 * <p>The chain runs policies in a fixed order: authenticate, authorize the subscription, rate
 * limit, quota, then the gateway proxies or delivers, then meters. The first rejection stops the
 * chain, so a later policy can rely on what an earlier one put in the exchange. Several
 * authentication policies may sit in one chain (JWT auth, then key auth): each decides only the calls
 * carrying its credential, and the first that admits the caller ({@link Exchange#plan()} set) wins;
 * later ones let the call pass.
 */
public interface Policy {

    /** A short name for logs and metrics, e.g. {@code key-auth}. */
    String name();

    /**
     * A request was routed to this policy's API; the consumer is whatever earlier policies
     * resolved. May read and edit the request headers that will go upstream, resolve the consumer,
     * add response headers, or reject.
     */
    default Verdict onRequest(Exchange exchange) {
        return Verdict.proceed();
    }

    /**
     * The upstream answered with {@code exchange.status()}; its headers are not yet sent to the
     * client. May add response headers or reject (the upstream's body is then discarded).
     */
    default Verdict onResponse(Exchange exchange) {
        return Verdict.proceed();
    }

    /**
     * A consumer opens a subscription to an event channel (SSE, WebSocket) or registers a webhook.
     * Same rights as {@link #onRequest}: a rejection refuses the subscription.
     */
    default Verdict onSubscribe(Exchange exchange) {
        return Verdict.proceed();
    }

    /**
     * One event passes in either direction on an open subscription. May reject (ends the
     * subscription with the problem) or {@link Verdict#drop()} this one event.
     */
    default Verdict onMessage(Exchange exchange, Message message) {
        return Verdict.proceed();
    }

    /**
     * An event on an open subscription did not reach its consumer (see {@link DropReason}). For
     * observation only (metering dropped events); runs on the subscription's event loop, must not block.
     */
    default void onMessageDropped(Exchange exchange, Message message, DropReason reason) {
    }

    /**
     * The client has been served, or the call failed: status, sizes, latency and outcome are final.
     * For observation only (metering, logging); the verdict is ignored. Must not block.
     */
    default Verdict onLog(Exchange exchange) {
        return Verdict.proceed();
    }
}
