package io.gatehouse.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OAuth issuer on a random port: its key set at {@code /oauth2/jwks} (also {@code /jwks}), an
 * OpenID discovery document at {@code /.well-known/openid-configuration}, keys made with Nimbus, and
 * a count of key-set and discovery fetches. Tokens are signed here as an authorization server would.
 */
public final class TestIssuer implements AutoCloseable {

    private static TestIssuer builtIn;

    private final HttpServer server;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger discoveryFetches = new AtomicInteger();
    private final RSAKey rsa;
    private final ECKey ec;

    private TestIssuer() {
        try {
            rsa = newRsaKey("rsa-1");
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            published.add(rsa.toPublicJWK());
            published.add(ec.toPublicJWK());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The issuer the gateway under test trusts as its built-in authorization server. */
    public static synchronized TestIssuer builtIn() {
        if (builtIn == null) {
            builtIn = new TestIssuer();
        }
        return builtIn;
    }

    /** Another issuer, e.g. an external OpenID Connect provider; close it after the test. */
    public static TestIssuer start() {
        return new TestIssuer();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public int discoveryFetches() {
        return discoveryFetches.get();
    }

    public RSAKey rsaKey() {
        return rsa;
    }

    public static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes one more key in the key set, as an issuer does when it rotates keys. */
    public void publish(JWK key) {
        published.add(key.toPublicJWK());
    }

    /** Claims as the built-in authorization server issues them, valid for five minutes. */
    public JWTClaimsSet.Builder claims(String clientId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(url())
                .audience("gatehouse")
                .claim("client_id", clientId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    public String token(String clientId) {
        return sign(rsa, claims(clientId).build());
    }

    public String sign(JWTClaimsSet claims) {
        return sign(rsa, claims);
    }

    public String signEs256(JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, ec);
    }

    public static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims, key);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWK key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.equals("/.well-known/openid-configuration")) {
                discoveryFetches.incrementAndGet();
                body = "{\"issuer\":\"" + url() + "\",\"jwks_uri\":\"" + url() + "/jwks\"}";
            } else if (path.equals("/oauth2/jwks") || path.equals("/jwks")) {
                jwksFetches.incrementAndGet();
                body = new JWKSet(List.copyOf(published)).toString(true);
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
