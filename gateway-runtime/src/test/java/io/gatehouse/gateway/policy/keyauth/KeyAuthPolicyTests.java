package io.gatehouse.gateway.policy.keyauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyAuthPolicyTests extends GatewayIntegrationSupport {

    private Published api;
    private Caller caller;

    @BeforeEach
    void publishApi() {
        api = publish();
        caller = subscribe(api);
        awaitServingCurrentRegistry();
    }

    @Test
    void aValidKeyWithAnActiveSubscriptionPasses() {
        assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingKeyIsA401WithAChallenge() {
        HttpResponse<String> response = get(api.context() + "/echo", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://gatehouse.dev/problems/unauthorized\"", "\"status\":401",
                "\"title\":", "\"detail\":");
    }

    @Test
    void aWrongKeyIsA401() {
        HttpResponse<String> response = get(api.context() + "/echo", "gh_not-a-key-anyone-was-given");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("https://gatehouse.dev/problems/unauthorized");
    }

    @Test
    void aRevokedKeyIsA401OnceTheRevocationPropagates() {
        apiKeyService.revoke(caller.application().getId(), caller.key().key().getId());
        awaitServingCurrentRegistry();

        assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(401);
    }

    @Test
    void aSuspendedSubscriptionIsA403SayingWhy() {
        subscriptionService.apply(caller.subscription().getId(), SubscriptionAction.SUSPEND);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = get(api.context() + "/echo", caller.apiKey());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("https://gatehouse.dev/problems/forbidden", "suspended");
    }

    @Test
    void aPendingSubscriptionIsA403SayingWhy() {
        Published manual = publish(upstream.url(), null, PlanAuth.API_KEY, Approval.MANUAL);
        Caller waiting = subscribe(manual);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = get(manual.context() + "/echo", waiting.apiKey());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("waiting for approval");
    }

    @Test
    void aKeyOfAnApplicationWithoutSubscriptionIsA403() {
        Published other = publish();
        awaitServingCurrentRegistry();

        HttpResponse<String> response = get(other.context() + "/echo", caller.apiKey());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("has no subscription");
    }

    @Test
    void aKeylessPlanAdmitsCallsWithoutAKey() {
        Published open = publish(upstream.url(), null, PlanAuth.KEYLESS, Approval.AUTO);
        awaitServingCurrentRegistry();

        assertThat(get(open.context() + "/echo", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anApiWithItsOwnKeyHeaderReadsTheKeyThereAndRefusesItInTheDefaultOne() {
        Published custom = publish(upstream.url(), "X-Acme-Key", null, false, PlanAuth.API_KEY);
        Caller acme = subscribe(custom);
        awaitServingCurrentRegistry();

        HttpResponse<String> admitted = send(HttpRequest.newBuilder(gateway(custom.context() + "/echo/custom"))
                .header("X-Acme-Key", acme.apiKey()).build());
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(upstream.last().rawPath()).isEqualTo("/echo/custom");
        assertThat(upstream.last().header("X-Acme-Key")).isNull();

        HttpResponse<String> refused = get(custom.context() + "/echo/default", acme.apiKey());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-Acme-Key\"");
        assertThat(refused.body()).contains("X-Acme-Key");
    }

    @Test
    void theKeyReachesTheUpstreamOnlyWhenTheApiForwardsCredentials() {
        Published forwarding = publish(upstream.url(), null, null, true, PlanAuth.API_KEY);
        Caller forwarded = subscribe(forwarding);
        awaitServingCurrentRegistry();

        assertThat(get(forwarding.context() + "/echo/forwarded", forwarded.apiKey()).statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("X-API-Key")).isEqualTo(forwarded.apiKey());

        assertThat(get(api.context() + "/echo/removed", caller.apiKey()).statusCode()).isEqualTo(200);
        assertThat(upstream.last().rawPath()).isEqualTo("/echo/removed");
        assertThat(upstream.last().header("X-API-Key")).isNull();
    }
}
