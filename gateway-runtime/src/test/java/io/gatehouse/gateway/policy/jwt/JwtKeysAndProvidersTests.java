package io.gatehouse.gateway.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanOAuth;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.gateway.TestIssuer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtKeysAndProvidersTests extends JwtTestSupport {

    private final TestIssuer provider = TestIssuer.start();

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void anUnknownKeyIdFetchesTheKeysOnceThenIsRefusedAndSoonAfterFetchesNothing() {
        Published external = publishWith(new PlanOAuth(provider.url(), "partner-api", null, provider.url() + "/jwks"));
        String client = registerClient(subscribe(external));
        awaitServingCurrentRegistry();
        assertThat(call(external.context() + "/echo", "Bearer " + partnerToken(provider.rsaKey(), client)).statusCode())
                .isEqualTo(200);
        int fetches = provider.jwksFetches();

        HttpResponse<String> first = call(external.context() + "/echo",
                "Bearer " + partnerToken(TestIssuer.newRsaKey("ghost-1"), client));

        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token", "unknown key");
        assertThat(provider.jwksFetches()).isEqualTo(fetches + 1);

        HttpResponse<String> second = call(external.context() + "/echo",
                "Bearer " + partnerToken(TestIssuer.newRsaKey("ghost-2"), client));

        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(provider.jwksFetches()).isEqualTo(fetches + 1);
    }

    @Test
    void aKeyRotatedInAtTheIssuerIsAcceptedAfterOneRefresh() {
        Published external = publishWith(new PlanOAuth(provider.url(), "partner-api", null, provider.url() + "/jwks"));
        String client = registerClient(subscribe(external));
        awaitServingCurrentRegistry();
        assertThat(call(external.context() + "/echo", "Bearer " + partnerToken(provider.rsaKey(), client)).statusCode())
                .isEqualTo(200);
        int fetches = provider.jwksFetches();
        RSAKey next = TestIssuer.newRsaKey("rsa-2");
        provider.publish(next);

        assertThat(call(external.context() + "/echo", "Bearer " + partnerToken(next, client)).statusCode()).isEqualTo(200);
        assertThat(call(external.context() + "/echo", "Bearer " + partnerToken(next, client)).statusCode()).isEqualTo(200);
        assertThat(provider.jwksFetches()).isEqualTo(fetches + 1);
    }

    @Test
    void anExternalProviderIsDiscoveredOnceAndItsClientClaimNamesTheApplication() {
        Published external = publishWith(new PlanOAuth(provider.url(), "partner-api", "azp", null));
        String client = registerClient(subscribe(external));
        awaitServingCurrentRegistry();

        for (int i = 0; i < 3; i++) {
            assertThat(call(external.context() + "/echo", "Bearer " + partnerToken(provider.rsaKey(), client)).statusCode())
                    .isEqualTo(200);
        }

        assertThat(provider.discoveryFetches()).isEqualTo(1);
        assertThat(upstream.last().header("authorization")).isNull();
    }

    @Test
    void theBuiltInIssuerIsNotTrustedByAPlanOfAnExternalProvider() {
        Published external = publishWith(new PlanOAuth(provider.url(), "partner-api", "azp", null));
        String client = registerClient(subscribe(external));
        awaitServingCurrentRegistry();

        HttpResponse<String> response = call(external.context() + "/echo", "Bearer " + TestIssuer.builtIn().token(client));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("issuer");
    }

    @Test
    void anApiWithKeyAndOAuthPlansTakesBothAndBearerTokensGoToJwtAuth() {
        Published keyed = publish();
        Plan oauthPlan = planService.create(keyed.api().getId(),
                new PlanSpec("OAuth", PlanAuth.OAUTH2, List.of(), null, Approval.AUTO, null, null));
        Caller byKey = subscribe(keyed);
        Caller byToken = subscribe(new Published(keyed.api(), oauthPlan));
        String tokenClient = registerClient(byToken);
        String keyClient = registerClient(byKey);
        awaitServingCurrentRegistry();
        String context = keyed.context() + "/echo";

        assertThat(get(context, byKey.apiKey()).statusCode()).isEqualTo(200);
        assertThat(get(context, byToken.apiKey()).statusCode()).isEqualTo(403);
        assertThat(call(context, "Bearer " + TestIssuer.builtIn().token(tokenClient)).statusCode()).isEqualTo(200);
        assertThat(call(context, "Bearer " + TestIssuer.builtIn().token(keyClient)).statusCode()).isEqualTo(403);
        assertThat(call(context, "Bearer garbage").statusCode()).isEqualTo(401);
        HttpResponse<String> none = call(context, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
    }

    private String partnerToken(RSAKey key, String client) {
        return TestIssuer.sign(key, provider.claims(null).audience("partner-api").claim("client_id", client)
                .claim("azp", client).build());
    }

    private Published publishWith(PlanOAuth oauth) {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        Api api = apiService.create(new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.REST, upstream.url(), null, null, null, null, null));
        Plan plan = planService.create(api.getId(),
                new PlanSpec("Partner", PlanAuth.OAUTH2, List.of(), null, Approval.AUTO, null, null, oauth));
        apiService.changeState(api.getId(), ApiState.PUBLISHED);
        return new Published(api, plan);
    }
}
