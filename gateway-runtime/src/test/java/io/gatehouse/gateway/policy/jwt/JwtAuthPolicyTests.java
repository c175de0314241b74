package io.gatehouse.gateway.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.gateway.TestIssuer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtAuthPolicyTests extends JwtTestSupport {

    private final TestIssuer issuer = TestIssuer.builtIn();
    private Published api;
    private Caller caller;
    private String clientId;

    @BeforeEach
    void publishOAuthApi() {
        api = publish(upstream.url(), null, PlanAuth.OAUTH2, Approval.AUTO);
        caller = subscribe(api);
        clientId = registerClient(caller);
        awaitServingCurrentRegistry();
    }

    @Test
    void aValidTokenPassesAndTheUpstreamNeverSeesIt() {
        HttpResponse<String> response = call(api.context() + "/echo", "Bearer " + issuer.token(clientId));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("authorization")).isNull();
    }

    @Test
    void anApiForwardingCredentialsLetsTheTokenReachTheUpstream() {
        Published forwarding = publish(upstream.url(), null, null, true, PlanAuth.OAUTH2);
        String forwardingClient = registerClient(subscribe(forwarding));
        awaitServingCurrentRegistry();
        String token = issuer.token(forwardingClient);

        assertThat(call(forwarding.context() + "/echo/forwarded", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void anEs256TokenPasses() {
        assertThat(call(api.context() + "/echo", "Bearer " + issuer.signEs256(issuer.claims(clientId).build())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCallWithoutATokenIsA401WithTheRealmChallenge() {
        HttpResponse<String> response = call(api.context() + "/echo", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gatehouse\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://gatehouse.dev/problems/unauthorized");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String none = new PlainJWT(issuer.claims(clientId).build()).serialize();

        assertInvalidToken(call(api.context() + "/echo", "Bearer " + none));
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.rsaKey().getKeyID()).build(),
                issuer.claims(clientId).build());
        forged.sign(new MACSigner(issuer.rsaKey().toRSAPublicKey().getEncoded()));

        HttpResponse<String> response = call(api.context() + "/echo", "Bearer " + forged.serialize());

        assertInvalidToken(response);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("HS256");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        String token = issuer.sign(issuer.claims(clientId).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60))).build());

        assertInvalidToken(call(api.context() + "/echo", "Bearer " + token));
    }

    @Test
    void aTokenExpiredWithinTheClockSkewPasses() {
        String token = issuer.sign(issuer.claims(clientId).expirationTime(Date.from(Instant.now().minusSeconds(5))).build());

        assertThat(call(api.context() + "/echo", "Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        String token = issuer.sign(issuer.claims(clientId).notBeforeTime(Date.from(later))
                .expirationTime(Date.from(later.plusSeconds(300))).build());

        assertInvalidToken(call(api.context() + "/echo", "Bearer " + token));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = issuer.sign(issuer.claims(clientId).audience("someone-else").build());

        assertInvalidToken(call(api.context() + "/echo", "Bearer " + token));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = issuer.sign(issuer.claims(clientId).issuer("http://issuer.invalid").build());

        assertInvalidToken(call(api.context() + "/echo", "Bearer " + token));
    }

    @Test
    void aTokenWithAForgedSignatureIsRefused() {
        JWTClaimsSet claims = issuer.claims(clientId).build();
        String token = TestIssuer.sign(TestIssuer.newRsaKey(issuer.rsaKey().getKeyID()), claims);

        assertInvalidToken(call(api.context() + "/echo", "Bearer " + token));
    }

    @Test
    void aBearerHeaderWithoutTokenIsRefused() {
        assertInvalidToken(call(api.context() + "/echo", "Bearer"));
        assertInvalidToken(call(api.context() + "/echo", "Bearer "));
    }

    @Test
    void aGarbageTokenIsRefused() {
        assertInvalidToken(call(api.context() + "/echo", "Bearer not-a-jwt"));
    }

    @Test
    void threeDotsAreRefused() {
        assertInvalidToken(call(api.context() + "/echo", "Bearer ..."));
        assertInvalidToken(call(api.context() + "/echo", "Bearer a.b.c"));
    }

    @Test
    void aTokenOfAnUnregisteredClientIsRefused() {
        assertInvalidToken(call(api.context() + "/echo", "Bearer " + issuer.token("nobody-" + UUID.randomUUID())));
    }

    @Test
    void aSuspendedSubscriptionIsA403() {
        subscriptionService.apply(caller.subscription().getId(), SubscriptionAction.SUSPEND);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = call(api.context() + "/echo", "Bearer " + issuer.token(clientId));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("https://gatehouse.dev/problems/forbidden", "suspended");
    }

    @Test
    void aCancelledSubscriptionIsA403() {
        subscriptionService.apply(caller.subscription().getId(), SubscriptionAction.CANCEL);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = call(api.context() + "/echo", "Bearer " + issuer.token(clientId));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("https://gatehouse.dev/problems/forbidden");
    }

    @Test
    void aPendingSubscriptionIsA403() {
        Published manual = publish(upstream.url(), null, PlanAuth.OAUTH2, Approval.MANUAL);
        Caller waiting = subscribe(manual);
        String waitingClient = registerClient(waiting);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = call(manual.context() + "/echo", "Bearer " + issuer.token(waitingClient));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("waiting for approval");
    }

    private void assertInvalidToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_token\", error_description=\"");
        assertThat(response.body()).contains("https://gatehouse.dev/problems/unauthorized");
    }
}
