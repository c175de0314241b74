package io.gatehouse.gateway.problem;

/** The kinds of errors the gateway answers itself, each with a stable RFC 9457 {@code type} URI. */
public enum ProblemType {
    UNAUTHORIZED(401, "Unauthorized", "unauthorized"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    /**
     * {@link #FORBIDDEN} to clients: the caller's application has no live subscription to the API (never
     * had one, or it was cancelled or rejected). Kept apart so that a resuming event stream can be told
     * that it is gone for good (SSE 204).
     */
    NO_SUBSCRIPTION(403, "Forbidden", "forbidden"),
    INSUFFICIENT_SCOPE(403, "Insufficient scope", "insufficient-scope"),
    NO_ROUTE(404, "No route", "no-route"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),
    QUOTA_EXCEEDED(429, "Too Many Requests", "quota-exceeded"),
    TOO_MANY_CONNECTIONS(429, "Too many connections", "too-many-connections"),
    HEADERS_TOO_LARGE(431, "Request header fields too large", "headers-too-large"),
    INTERNAL_ERROR(500, "Internal gateway error", "internal-error"),
    BAD_GATEWAY(502, "Bad gateway", "bad-gateway"),
    GATEWAY_TIMEOUT(504, "Gateway timeout", "gateway-timeout"),
    UPSTREAM_CONNECT_TIMEOUT(504, "Upstream connect timeout", "upstream-connect-timeout"),
    NOT_IMPLEMENTED(501, "Not implemented", "not-implemented"),
    SERVICE_UNAVAILABLE(503, "Service unavailable", "service-unavailable");

    private static final String BASE = "https://gatehouse.dev/problems/";

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title, String kind) {
        this.status = status;
        this.title = title;
        this.uri = BASE + kind;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return uri;
    }

    public Problem withDetail(String detail) {
        return new Problem(this, detail);
    }
}
