package io.gatehouse.gateway.policy.jwt;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing keys of one issuer, kept in memory and fetched off the event loop. Readers see the last
 * fetched set without waiting; fetches run on the HTTP client's threads, one at a time. A token with an
 * unknown key id may ask for one refresh ({@link #refreshForUnknownKey()}), at most once per
 * {@code minRefreshInterval}, so tokens with made-up key ids cannot hammer the issuer; keys older than
 * {@code maxAge} are refreshed in the background while the old ones keep serving.
 */
final class JwksCache {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private final Supplier<CompletableFuture<URI>> jwksUri;
    private final HttpClient http;
    private final Duration timeout;
    private final long minRefreshNanos;
    private final long maxAgeNanos;
    private final AtomicReference<CompletableFuture<JWKSet>> inFlight = new AtomicReference<>();

    private volatile JWKSet keys = new JWKSet();
    private volatile long fetchedAt;
    private volatile long lastAttempt;
    private volatile long lastUnknownKeyRefresh;
    private volatile boolean loaded;

    JwksCache(Supplier<CompletableFuture<URI>> jwksUri, HttpClient http, JwtAuthConfig config) {
        this.jwksUri = jwksUri;
        this.http = http;
        this.timeout = config.httpTimeout();
        this.minRefreshNanos = config.jwksMinRefreshInterval().toNanos();
        this.maxAgeNanos = config.jwksMaxAge().toNanos();
    }

    /** The keys as last fetched (empty before the first fetch); starts a background refresh when they are old. */
    JWKSet current() {
        if (loaded && System.nanoTime() - fetchedAt > maxAgeNanos && inFlight.get() == null) {
            fetch();
        }
        return keys;
    }

    /** Fetches the keys in the background unless they were loaded or a recent attempt failed. */
    void warmUp() {
        if (!loaded && inFlight.get() == null && (lastAttempt == 0 || System.nanoTime() - lastAttempt > minRefreshNanos)) {
            fetch();
        }
    }

    /**
     * A refresh for a token whose key is not in {@link #current()}: the fetch under way, or a new one,
     * or null when a token with an unknown key already caused a fetch less than the minimum interval ago.
     */
    CompletableFuture<JWKSet> refreshForUnknownKey() {
        CompletableFuture<JWKSet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (lastUnknownKeyRefresh != 0 && now - lastUnknownKeyRefresh < minRefreshNanos) {
                return null;
            }
            lastUnknownKeyRefresh = now;
        }
        return fetch();
    }

    private CompletableFuture<JWKSet> fetch() {
        CompletableFuture<JWKSet> mine = new CompletableFuture<>();
        CompletableFuture<JWKSet> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        lastAttempt = System.nanoTime();
        jwksUri.get()
                .thenCompose(uri -> http.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout)
                                .header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .thenApply(JwksCache::parse)
                .whenComplete((fetched, error) -> {
                    if (error == null) {
                        keys = fetched;
                        fetchedAt = System.nanoTime();
                        loaded = true;
                    } else {
                        log.warn("Fetching signing keys failed: {}", error.getMessage());
                    }
                    inFlight.set(null);
                    if (error == null) {
                        mine.complete(fetched);
                    } else {
                        mine.completeExceptionally(error);
                    }
                });
        return mine;
    }

    private static JWKSet parse(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the key set at " + response.uri() + " answered " + response.statusCode());
        }
        try {
            return JWKSet.parse(response.body()).toPublicJWKSet();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("the key set at " + response.uri() + " is not a JWK set: " + e.getMessage(), e);
        }
    }
}
