package io.gatehouse.gateway.policy.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.gatehouse.core.plan.PlanOAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The key caches of every issuer the gateway trusts, kept across config snapshots so that a registry
 * change neither drops the keys nor resets the refresh limits. An external provider without a
 * configured JWKS URI is discovered once from {@code <issuer>/.well-known/openid-configuration}
 * (again only if discovery failed).
 */
@Component
public class JwksCaches {

    private final JwtAuthConfig config;
    private final HttpClient http;
    private final Map<String, JwksCache> caches = new ConcurrentHashMap<>();

    public JwksCaches(JwtAuthConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.httpTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    JwtAuthConfig config() {
        return config;
    }

    /** The keys of the built-in authorization server. */
    JwksCache builtIn() {
        return caches.computeIfAbsent(config.jwksUri(), uri -> newCache(fixed(uri)));
    }

    /** The keys of an external provider. */
    JwksCache of(PlanOAuth oauth) {
        if (oauth.jwksUri() != null) {
            return caches.computeIfAbsent(oauth.jwksUri(), uri -> newCache(fixed(uri)));
        }
        return caches.computeIfAbsent("discover:" + oauth.issuer(), key -> newCache(discovered(oauth.issuer())));
    }

    private JwksCache newCache(Supplier<CompletableFuture<URI>> jwksUri) {
        return new JwksCache(jwksUri, http, config);
    }

    private static Supplier<CompletableFuture<URI>> fixed(String uri) {
        CompletableFuture<URI> done = CompletableFuture.completedFuture(URI.create(uri));
        return () -> done;
    }

    private Supplier<CompletableFuture<URI>> discovered(String issuer) {
        AtomicReference<CompletableFuture<URI>> found = new AtomicReference<>();
        return () -> {
            CompletableFuture<URI> known = found.get();
            if (known != null && !known.isCompletedExceptionally()) {
                return known;
            }
            CompletableFuture<URI> lookup = discover(issuer);
            found.set(lookup);
            return lookup;
        };
    }

    private CompletableFuture<URI> discover(String issuer) {
        URI document = URI.create(JwtAuthConfig.stripSlash(issuer) + "/.well-known/openid-configuration");
        return http.sendAsync(HttpRequest.newBuilder(document).timeout(config.httpTimeout())
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(document + " answered " + response.statusCode());
                    }
                    try {
                        Map<String, Object> json = JSONObjectUtils.parse(response.body());
                        if (!issuer.equals(JSONObjectUtils.getString(json, "issuer"))) {
                            throw new IllegalStateException(document + " names another issuer");
                        }
                        URI jwks = JSONObjectUtils.getURI(json, "jwks_uri");
                        if (jwks == null) {
                            throw new IllegalStateException(document + " has no jwks_uri");
                        }
                        return jwks;
                    } catch (java.text.ParseException e) {
                        throw new IllegalStateException(document + " is not JSON: " + e.getMessage(), e);
                    }
                });
    }
}
