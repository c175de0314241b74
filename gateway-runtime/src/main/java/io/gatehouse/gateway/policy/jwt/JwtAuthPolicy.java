package io.gatehouse.gateway.policy.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.GatewaySnapshot.Consumer;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Policy;
import io.gatehouse.gateway.policy.SubscriptionCheck;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Authenticates a call by an OAuth 2.0 access token (a JWT in {@code Authorization: Bearer}) and
 * authorizes it by subscription. The token's {@code iss} picks one of the issuers the API's OAUTH2
 * plans trust ({@link TrustedIssuer}); the signature, algorithm, audience and validity are checked
 * against it, the issuer's client claim names the OAuth client, the snapshot maps the client to an
 * application, and only the application's ACTIVE subscription to one of the plans trusting that
 * issuer admits the call. The {@code Authorization} header is not forwarded upstream, unless the
 * API forwards credentials ({@code ServedApi#forwardCredentials()}). When the call is to an operation
 * that requires scopes, the token must carry them all ({@link RequiredScopes}).
 *
 * <p>The token's expiry ({@code exp} plus the allowed clock skew) is recorded in the exchange: a
 * stream opened with it ends then. A call already admitted (a further message on an admitted
 * connection) passes.
 *
 * <p>When the API also accepts API keys ({@code othersMayAuthenticate}), a call without a Bearer
 * token passes on untouched for key auth to decide; otherwise it is a 401 with the challenge
 * {@code Bearer realm="gatehouse"}. A bad token is a 401 with {@code error="invalid_token"} (RFC 6750).
 *
 * <p>Keys come from the issuer's cache without waiting. A token signed with a key id the cache does
 * not know suspends the call ({@link Verdict#pending}) until one refresh of the key set completes off
 * the event loop, unless a refresh for an unknown key ran recently: then it is refused at once.
 */
public final class JwtAuthPolicy implements Policy {

    static final String REALM_CHALLENGE = "Bearer realm=\"gatehouse\"";

    private final GatewaySnapshot snapshot;
    private final ServedApi api;
    private final Map<String, TrustedIssuer> issuers;
    private final boolean othersMayAuthenticate;

    public JwtAuthPolicy(GatewaySnapshot snapshot, ServedApi api, List<TrustedIssuer> issuers, boolean othersMayAuthenticate) {
        this.snapshot = snapshot;
        this.api = api;
        this.issuers = issuers.stream().collect(Collectors.toUnmodifiableMap(TrustedIssuer::issuer, i -> i));
        this.othersMayAuthenticate = othersMayAuthenticate;
    }

    @Override
    public String name() {
        return "jwt-auth";
    }

    /** Opening a stream takes the same credential as a call. */
    @Override
    public Verdict onSubscribe(Exchange exchange) {
        return onRequest(exchange);
    }

    @Override
    public Verdict onRequest(Exchange exchange) {
        if (exchange.plan() != null) {
            return Verdict.proceed();
        }
        String authorization = exchange.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6)
                && (authorization.length() == 6 || authorization.charAt(6) == ' ');
        if (!bearer && othersMayAuthenticate) {
            return Verdict.proceed();
        }
        if (!api.forwardCredentials()) {
            exchange.requestHeaders().remove(HttpHeaderNames.AUTHORIZATION);
        }
        if (!bearer) {
            exchange.responseHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM_CHALLENGE);
            return Verdict.reject(ProblemType.UNAUTHORIZED.withDetail(
                    "This API needs an OAuth 2.0 access token in the Authorization header (Bearer)."));
        }
        String token = authorization.substring(6).strip();
        if (token.isEmpty() || token.indexOf(' ') >= 0) {
            return invalid(exchange, "The Authorization header must be 'Bearer <token>'.");
        }
        SignedJWT jwt;
        TrustedIssuer issuer;
        try {
            jwt = SignedJWT.parse(token);
            if (!TrustedIssuer.ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
                return invalid(exchange, "The token is signed with " + jwt.getHeader().getAlgorithm()
                        + "; only RS256 and ES256 are accepted.");
            }
            issuer = issuers.get(jwt.getJWTClaimsSet().getIssuer());
        } catch (ParseException e) {
            return invalid(exchange, "The token is not a signed JWT.");
        }
        if (issuer == null) {
            return invalid(exchange, "The token's issuer is not trusted by this API.");
        }
        if (issuer.hasKeyFor(jwt)) {
            return decide(exchange, jwt, issuer);
        }
        var refresh = issuer.keys().refreshForUnknownKey();
        if (refresh == null) {
            return invalid(exchange, "The token is signed with an unknown key.");
        }
        return Verdict.pending(refresh.handle((keys, error) -> error != null
                ? invalid(exchange, "The issuer's signing keys are unavailable.")
                : decide(exchange, jwt, issuer)));
    }

    private Verdict decide(Exchange exchange, SignedJWT jwt, TrustedIssuer issuer) {
        if (!issuer.hasKeyFor(jwt)) {
            return invalid(exchange, "The token is signed with an unknown key.");
        }
        JWTClaimsSet claims;
        try {
            claims = issuer.verify(jwt);
        } catch (BadJOSEException | JOSEException e) {
            return invalid(exchange, "The token was rejected: " + e.getMessage());
        }
        Object client = claims.getClaim(issuer.clientClaim());
        UUID applicationId = client instanceof String id ? snapshot.applicationsByClientId().get(id) : null;
        Consumer application = applicationId == null ? null : snapshot.applications().get(applicationId);
        if (application == null) {
            return invalid(exchange, "The token's client is not registered for any application.");
        }
        Verdict admitted = SubscriptionCheck.admit(exchange, snapshot, api, application,
                plan -> issuer.planIds().contains(plan.id()), "an OAuth plan");
        exchange.credentialExpiresAt(issuer.acceptedUntil(claims));
        return admitted instanceof Verdict.Proceed ? RequiredScopes.check(exchange, claims) : admitted;
    }

    private static Verdict invalid(Exchange exchange, String description) {
        exchange.responseHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE,
                "Bearer error=\"invalid_token\", error_description=\"" + quotable(description) + "\"");
        return Verdict.reject(ProblemType.UNAUTHORIZED.withDetail(description));
    }


    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '\'');
        }
        return out.toString();
    }
}
