package io.gatehouse.gateway.policy.jwt;

import com.nimbusds.jwt.JWTClaimsSet;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scope check of a call admitted by token: the operation it calls may require scopes, and the
 * token must grant them all, in {@code scope} (a space-separated string, or an array as the built-in
 * server writes it) or {@code scp} (an array, or a string, as some providers write it). Otherwise
 * 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="…"} (RFC 6750 §3.1).
 * The claims are read only for calls to an operation that requires scopes.
 */
final class RequiredScopes {

    private RequiredScopes() {
    }

    static Verdict check(Exchange exchange, JWTClaimsSet claims) {
        ServedOperation operation = exchange.operation();
        if (operation == null || operation.scopes().isEmpty()) {
            return Verdict.proceed();
        }
        Set<String> granted = granted(claims);
        List<String> missing = new ArrayList<>(1);
        for (String required : operation.scopes()) {
            if (!granted.contains(required)) {
                missing.add(required);
            }
        }
        if (missing.isEmpty()) {
            return Verdict.proceed();
        }
        String required = String.join(" ", operation.scopes());
        exchange.responseHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\", scope=\"" + required + "\"");
        return Verdict.reject(ProblemType.INSUFFICIENT_SCOPE.withDetail("Operation " + operation.label() + " needs a token with the scopes '"
                + required + "'; this token lacks '" + String.join(" ", missing) + "'."));
    }

    static Set<String> granted(JWTClaimsSet claims) {
        Set<String> granted = new HashSet<>();
        add(claims.getClaim("scope"), granted);
        add(claims.getClaim("scp"), granted);
        return granted;
    }

    private static void add(Object claim, Set<String> granted) {
        if (claim instanceof String text) {
            for (String scope : text.split(" ")) {
                if (!scope.isEmpty()) {
                    granted.add(scope);
                }
            }
        } else if (claim instanceof List<?> list) {
            for (Object scope : list) {
                if (scope instanceof String text) {
                    granted.add(text);
                }
            }
        }
    }
}
