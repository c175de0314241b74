package io.gatehouse.gateway.exchange;

import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.LiveSubscription;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedPlan;
import io.gatehouse.core.usage.Outcome;
import io.vertx.core.MultiMap;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.UUID;

/**
 * The state of one call (or, later, one subscription) as it passes the gateway: the request as the
 * client sent it, the API it was routed to, the consumer the policies resolved, and the response.
 *
 * <p>Policies read and write it; they never keep it beyond the call. It is confined to one call and
 * touched by one thread at a time (the connection's event loop, or the thread that completes a
 * pending verdict), so it is not synchronized, except for the actions of {@link #whenDone}, which a
 * policy may add while the call ends. {@link #requestHeaders()} are the headers that will go
 * upstream: a policy removes a credential from them so that it is never forwarded.
 * {@link #responseHeaders()} are added to whatever the client receives, proxied answer or problem.
 */
public final class Exchange {

    private final String requestId;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final MultiMap requestHeaders;
    private final String clientHost;
    private final int clientPort;
    private InetSocketAddress clientAddress;
    private final Instant startedAt;
    private final long startNanos;
    private final MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();

    private ServedApi api;
    private String pathWithinApi;
    private ServedOperation operation;
    private ServedChannel channel;
    private Consumer application;
    private LiveSubscription subscription;
    private ServedPlan plan;
    private Outcome outcome;
    private int status;
    private long requestBytes;
    private long responseBytes;
    private long latencyMicros = -1;
    private boolean overage;
    private boolean meteredPerMessage;
    private Instant credentialExpiresAt;
    private UUID keyId;
    private Runnable whenDone;
    private boolean finished;

    public Exchange(String requestId, String method, String path, String rawQuery, MultiMap requestHeaders,
                    InetSocketAddress clientAddress) {
        this(requestId, method, path, rawQuery, requestHeaders,
                clientAddress == null ? null : clientAddress.getAddress().getHostAddress(),
                clientAddress == null ? 0 : clientAddress.getPort());
        this.clientAddress = clientAddress;
    }

    /** @param clientHost the peer's IP address as text (a literal, not a name), null when unknown */
    public Exchange(String requestId, String method, String path, String rawQuery, MultiMap requestHeaders,
                    String clientHost, int clientPort) {
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.requestHeaders = requestHeaders;
        this.clientHost = clientHost;
        this.clientPort = clientPort;
        this.startedAt = Instant.now();
        this.startNanos = System.nanoTime();
    }

    public void routeTo(ServedApi api, String pathWithinApi) {
        this.api = api;
        this.pathWithinApi = pathWithinApi;
    }

    /** Records the operation the request calls; null when the API declares none that matches. */
    public void callOperation(ServedOperation operation) {
        this.operation = operation;
    }

    /** Records the channel of an event API the request addresses (subscribe or publish). */
    public void useChannel(ServedChannel channel) {
        this.channel = channel;
    }

    /** Records who calls, as soon as it is known (before the subscription is checked). */
    public void identify(Consumer application) {
        this.application = application;
    }

    /** Records the plan the call is served under; {@code subscription} is null for a keyless plan. */
    public void admit(ServedPlan plan, LiveSubscription subscription) {
        this.plan = plan;
        this.subscription = subscription;
    }

    /** Marks the call as let through past its plan's quota, to be billed as overage. */
    public void markOverage() {
        this.overage = true;
    }

    /** Says whether the message passing now is past its plan's quota (a stream decides it per event). */
    public void overage(boolean overage) {
        this.overage = overage;
    }

    /**
     * Records until when the credential that admitted the caller is good (a token's expiry, an API
     * key's); an open stream ends then. Null (the default): it does not expire.
     */
    public void credentialExpiresAt(Instant expiresAt) {
        this.credentialExpiresAt = expiresAt;
    }

    public Instant credentialExpiresAt() {
        return credentialExpiresAt;
    }

    /** Records the API key that admitted the caller, so that an open stream can end when it is revoked. */
    public void keyId(UUID keyId) {
        this.keyId = keyId;
    }

    /** The API key that admitted the caller; null when no key did. */
    public UUID keyId() {
        return keyId;
    }

    /**
     * Runs {@code action} once the call is done (served, refused or failed; for a stream, once it has
     * ended), at once when it is done already: releases what a policy holds for the call, such as a
     * connection slot. May be called from the thread completing a pending verdict.
     */
    public void whenDone(Runnable action) {
        synchronized (this) {
            if (!finished) {
                Runnable before = whenDone;
                whenDone = before == null ? action : () -> {
                    try {
                        before.run();
                    } finally {
                        action.run();
                    }
                };
                return;
            }
        }
        action.run();
    }

    /** Whether the call is done: for a stream, that it has ended. */
    public synchronized boolean finished() {
        return finished;
    }

    /** Marks the call as done and runs the actions given to {@link #whenDone}, once. */
    public void done() {
        Runnable actions;
        synchronized (this) {
            finished = true;
            actions = whenDone;
            whenDone = null;
        }
        if (actions != null) {
            actions.run();
        }
    }

    /**
     * A new exchange for one more message sent on this admitted connection (a publish on a
     * WebSocket): the same request, route and consumer, with its own response headers, outcome and
     * sizes. Its request headers are empty: the credential was checked when the connection opened.
     */
    public Exchange nextOnConnection() {
        Exchange next = new Exchange(requestId, method, path, rawQuery, MultiMap.caseInsensitiveMultiMap(), clientAddress);
        next.api = api;
        next.pathWithinApi = pathWithinApi;
        next.operation = operation;
        next.application = application;
        next.subscription = subscription;
        next.plan = plan;
        next.credentialExpiresAt = credentialExpiresAt;
        return next;
    }

    public boolean overage() {
        return overage;
    }

    /**
     * Marks an admitted call whose usage is its events (a publish, an SSE stream): metering records
     * every message that passes, not the call itself.
     */
    public void meterPerMessage() {
        this.meteredPerMessage = true;
    }

    public boolean meteredPerMessage() {
        return meteredPerMessage;
    }

    public void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    public void status(int status) {
        this.status = status;
    }

    public void addRequestBytes(long bytes) {
        requestBytes += bytes;
    }

    public void addResponseBytes(long bytes) {
        responseBytes += bytes;
    }

    /** Marks the call as served; the latency is fixed at the first call. */
    public void complete() {
        if (latencyMicros < 0) {
            latencyMicros = (System.nanoTime() - startNanos) / 1_000;
        }
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return method;
    }

    /** The raw request path, as the client sent it, without the query. */
    public String path() {
        return path;
    }

    /** The raw query string without '?', or null when the request had none. */
    public String rawQuery() {
        return rawQuery;
    }

    public MultiMap requestHeaders() {
        return requestHeaders;
    }

    /** The peer's IP address as text, null when unknown. */
    public String clientHost() {
        return clientHost;
    }

    public InetSocketAddress clientAddress() {
        if (clientAddress == null && clientHost != null) {
            clientAddress = new InetSocketAddress(InetAddress.ofLiteral(clientHost), clientPort);
        }
        return clientAddress;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public ServedApi api() {
        return api;
    }

    /** The part of the path after the API's context: "" or starting with '/'. */
    public String pathWithinApi() {
        return pathWithinApi;
    }

    /** The declared operation the request calls, or null (no operations, or none matched). */
    public ServedOperation operation() {
        return operation;
    }

    /** The event channel the request addresses, or null (a REST API, or no channel matched). */
    public ServedChannel channel() {
        return channel;
    }

    public Consumer application() {
        return application;
    }

    public LiveSubscription subscription() {
        return subscription;
    }

    public ServedPlan plan() {
        return plan;
    }

    public Outcome outcome() {
        return outcome;
    }

    public int status() {
        return status;
    }

    public long requestBytes() {
        return requestBytes;
    }

    public long responseBytes() {
        return responseBytes;
    }

    public long latencyMicros() {
        return latencyMicros < 0 ? (System.nanoTime() - startNanos) / 1_000 : latencyMicros;
    }

    public MultiMap responseHeaders() {
        return responseHeaders;
    }
}
