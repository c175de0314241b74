package io.gatehouse.console.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.gatehouse.console.ManagementApiTestSupport;
import io.gatehouse.core.signingkey.SigningKeyService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

class AuthorizationServerTests extends ManagementApiTestSupport {

    @Autowired
    AuthorizationServerProperties properties;
    @Autowired
    SigningKeyService signingKeys;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void anApplicationsClientGetsAVerifiableTokenWithItsClaims() throws Exception {
        String orgId = createOrganization();
        String appId = createApplication(orgId);
        subscribeToScopes(appId, "orders:read", "orders:write");
        Client developer = newUser("DEVELOPER", orgId);

        JsonNode issued = developer.post("/api/v1/applications/" + appId + "/oauth-client", "").expect(201).json();
        String clientId = issued.get("clientId").asString();
        String secret = issued.get("clientSecret").asString();
        assertThat(clientId).startsWith("gh-client-");
        String stored = jdbc.queryForObject("select secret_hash from oauth_client where client_id = ?", String.class, clientId);
        assertThat(stored).doesNotContain(secret);
        assertThat(passwordEncoder.matches(secret, stored)).isTrue();

        JsonNode shown = developer.get("/api/v1/applications/" + appId + "/oauth-client").expect(200).json();
        assertThat(shown.get("clientId").asString()).isEqualTo(clientId);
        assertThat(shown.has("clientSecret")).isFalse();

        Reply tokenReply = token(clientId, secret, "orders:read orders:write").expect(200);
        assertThat(tokenReply.header("Set-Cookie")).isNull();
        JsonNode token = tokenReply.json();
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.get("expires_in").asLong()).isBetween(895L, 900L);

        JWTClaimsSet claims = verify(token.get("access_token").asString());
        assertThat(claims.getIssuer()).isEqualTo(properties.issuer());
        assertThat(claims.getAudience()).containsExactly("gatehouse");
        assertThat(claims.getExpirationTime().toInstant()).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(claims.getSubject()).isEqualTo(clientId);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getStringClaim("application_id")).isEqualTo(appId);
        assertThat(claims.getStringClaim("organization_id")).isEqualTo(orgId);
        assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getNotBeforeTime()).isNotNull();
    }

    @Test
    void aScopeNoSubscribedOperationRequiresIsRefusedAsInvalidScope() {
        Issued client = newClient();

        Reply reply = token(client.id(), client.secret(), "orders:read");

        reply.expect(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("invalid_scope");
    }

    /** Subscribes the application to an OAUTH2 plan of a new API whose one operation requires {@code scopes}. */
    private void subscribeToScopes(String appId, String... scopes) {
        String apiId = createApi("scoped");
        admin().post("/api/v1/apis/" + apiId + "/operations", "{\"method\":\"GET\",\"path\":\"/orders\",\"scopes\":[\""
                + String.join("\",\"", scopes) + "\"]}").expect(201);
        String planId = admin().post("/api/v1/apis/" + apiId + "/plans", "{\"name\":\"OAuth\",\"auth\":\"OAUTH2\"}").expect(201).id();
        publish(apiId);
        admin().post("/api/v1/subscriptions", "{\"applicationId\":\"" + appId + "\",\"planId\":\"" + planId + "\"}").expect(201);
    }

    @Test
    void tokensAreNotStoredSoIntrospectionSaysInactive() {
        Issued client = newClient();
        String form = "token=" + accessToken(client);

        JsonNode introspection = basic(client.id(), client.secret())
                .send("POST", "/oauth2/introspect", form, "application/json", "application/x-www-form-urlencoded").expect(200).json();

        assertThat(introspection.get("active").asBoolean()).isFalse();
    }

    @Test
    void otherGrantsAreRefusedAsOAuth2Errors() {
        Issued client = newClient();

        Reply reply = basic(client.id(), client.secret()).send("POST", "/oauth2/token", "grant_type=password&username=a&password=b",
                "application/json", "application/x-www-form-urlencoded");

        reply.expect(400);
        assertThat(reply.json().get("error").asString()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void clientSecretPostWorksAndNoScopeIsFine() throws Exception {
        Issued client = newClient();
        String form = "grant_type=client_credentials&client_id=" + client.id() + "&client_secret=" + client.secret();

        JsonNode token = anonymous().send("POST", "/oauth2/token", form, "application/json", "application/x-www-form-urlencoded")
                .expect(200).json();

        JWTClaimsSet claims = verify(token.get("access_token").asString());
        assertThat(claims.getStringClaim("client_id")).isEqualTo(client.id());
        assertThat(claims.getClaim("scope")).isNull();
    }

    @Test
    void badClientCredentialsGet401InvalidClientAsOAuth2Json() {
        Issued client = newClient();

        for (Reply reply : List.of(
                token(client.id(), "wrong-secret", null),
                token("gh-client-nobody", client.secret(), null),
                anonymous().send("POST", "/oauth2/token", "grant_type=client_credentials", "application/json",
                        "application/x-www-form-urlencoded"))) {
            reply.expect(401);
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(reply.json().get("error").asString()).isEqualTo("invalid_client");
            assertThat(reply.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void regeneratingTheSecretRetiresTheOldOne() {
        Issued client = newClient();
        token(client.id(), client.secret(), null).expect(200);

        JsonNode regenerated = admin().post("/api/v1/applications/" + client.appId() + "/oauth-client/secret", "").expect(200).json();
        String newSecret = regenerated.get("clientSecret").asString();

        assertThat(regenerated.get("clientId").asString()).isEqualTo(client.id());
        assertThat(newSecret).isNotEqualTo(client.secret());
        assertThat(token(client.id(), client.secret(), null).expect(401).json().get("error").asString()).isEqualTo("invalid_client");
        token(client.id(), newSecret, null).expect(200);
        assertThat(admin().get("/api/v1/applications/" + client.appId() + "/oauth-client").json().get("rotatedAt").isNull()).isFalse();
    }

    @Test
    void oneClientPerApplicationAndOnlyForItsOwners() {
        String orgId = createOrganization();
        String appId = createApplication(orgId);
        Client stranger = newUser("DEVELOPER", createOrganization());
        String path = "/api/v1/applications/" + appId + "/oauth-client";

        admin().get(path).problem(404, "not-found");
        admin().post(path + "/secret", "").problem(404, "not-found");
        stranger.post(path, "").problem(403, "forbidden");
        newUser("PUBLISHER", null).post(path, "").problem(403, "forbidden");
        anonymous().post(path, "").problem(401, "unauthorized");
        admin().post(path, "").expect(201);
        admin().post(path, "").problem(409, "conflict");
        stranger.get(path).problem(403, "forbidden");
        stranger.post(path + "/secret", "").problem(403, "forbidden");
    }

    @Test
    void discoveryDescribesTheServer() {
        JsonNode metadata = anonymous().get("/.well-known/oauth-authorization-server").expect(200).json();

        assertThat(metadata.get("issuer").asString()).isEqualTo(properties.issuer());
        assertThat(metadata.get("token_endpoint").asString()).isEqualTo(properties.issuer() + "/oauth2/token");
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo(properties.issuer() + "/oauth2/jwks");
        assertThat(metadata.get("grant_types_supported").valueStream().map(JsonNode::asString))
                .contains("client_credentials");
    }

    @Test
    void afterARotationNewTokensCarryTheNewKidAndTheOldKeyStaysPublished() throws Exception {
        Issued client = newClient();
        String before = accessToken(client);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        assertThat(oldKid).isEqualTo(signingKeys.active().getKid());

        String newKid = signingKeys.rotate().getKid();
        String after = accessToken(client);

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid).isNotEqualTo(oldKid);
        assertThat(jwks().getKeys()).extracting(key -> key.getKeyID()).contains(oldKid, newKid);
        assertThat(verify(before).getStringClaim("client_id")).isEqualTo(client.id());
        assertThat(verify(after).getStringClaim("client_id")).isEqualTo(client.id());
    }

    @Test
    void theJwksPublishesNoPrivateKeyMaterial() {
        newClient();
        String body = anonymous().get("/oauth2/jwks").expect(200).body();

        assertThat(body).contains("\"kid\"").doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    private String accessToken(Issued client) {
        return token(client.id(), client.secret(), null).expect(200).json().get("access_token").asString();
    }

    private Issued newClient() {
        String appId = createApplication(createOrganization());
        JsonNode issued = admin().post("/api/v1/applications/" + appId + "/oauth-client", "").expect(201).json();
        return new Issued(appId, issued.get("clientId").asString(), issued.get("clientSecret").asString());
    }

    private Reply token(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + encode(scope));
        return basic(clientId, secret).send("POST", "/oauth2/token", form, "application/json", "application/x-www-form-urlencoded");
    }

    private Client basic(String clientId, String secret) {
        return new Client(port, "Basic " + Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8)));
    }

    private JWKSet jwks() throws Exception {
        return JWKSet.parse(anonymous().get("/oauth2/jwks").expect(200).body());
    }

    private JWTClaimsSet verify(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks())));
        return processor.process(token, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Issued(String appId, String id, String secret) {
    }
}
