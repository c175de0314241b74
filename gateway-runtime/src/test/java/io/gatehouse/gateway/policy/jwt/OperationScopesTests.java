package io.gatehouse.gateway.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.api.operation.ApiOperationService;
import io.gatehouse.core.api.operation.OperationMethod;
import io.gatehouse.core.api.operation.OperationSpec;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.subscription.SubscriptionSpec;
import io.gatehouse.gateway.TestIssuer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Scopes per operation at the gateway: JWT calls need the matched operation's scopes; API keys do not. */
class OperationScopesTests extends JwtTestSupport {

    private final TestIssuer issuer = TestIssuer.builtIn();

    @Autowired
    ApiOperationService operations;

    private Published api;
    private Caller caller;
    private String clientId;
    private String apiKey;

    @BeforeEach
    void publishAnApiWithScopedOperations() {
        api = publish(upstream.url(), null, PlanAuth.OAUTH2, Approval.AUTO);
        caller = subscribe(api);
        clientId = registerClient(caller);
        var keyPlan = planService.create(api.api().getId(), new PlanSpec("Keys", PlanAuth.API_KEY, List.of(), null, Approval.AUTO, null, null));
        subscriptionService.subscribe(new SubscriptionSpec(caller.application().getId(), keyPlan.getId()));
        apiKey = caller.apiKey();
        declare(OperationMethod.GET, "/echo/pets/{petId}", List.of("pets:read"));
        declare(OperationMethod.DELETE, "/echo/pets/{petId}", List.of("pets:write", "pets:admin"));
        declare(OperationMethod.GET, "/echo/open", List.of());
        awaitServingCurrentRegistry();
    }

    @Test
    void aTokenWithTheScopeInItsScopeStringPasses() {
        assertThat(call("GET", "/echo/pets/7", token("scope", "profile pets:read")).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutTheScopeIsA403InsufficientScope() {
        HttpResponse<String> response = call("DELETE", "/echo/pets/7", token("scope", "pets:write"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer error=\"insufficient_scope\", scope=\"pets:write pets:admin\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://gatehouse.dev/problems/insufficient-scope").contains("pets:admin");
        assertThat(call("GET", "/echo/pets/7", "Bearer " + issuer.token(clientId)).statusCode()).isEqualTo(403);
    }

    @Test
    void scopesInAnScpArrayCountToo() {
        assertThat(call("DELETE", "/echo/pets/7", token("scp", List.of("pets:admin", "pets:write"))).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/echo/pets/7", token("scope", List.of("pets:read"))).statusCode()).isEqualTo(200);
    }

    @Test
    void operationsWithoutScopesAndUndeclaredPathsNeedNone() {
        String bare = "Bearer " + issuer.token(clientId);

        assertThat(call("GET", "/echo/open", bare).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/echo/undeclared", bare).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/echo/pets/7", bare).statusCode()).isEqualTo(200);
    }

    @Test
    void spellingsOfAScopedPathDoNotDodgeItsScopes() {
        String bare = "Bearer " + issuer.token(clientId);

        assertThat(call("GET", "/echo/pets/7/", bare).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/echo//%70ets/7", bare).statusCode()).isEqualTo(403);
        assertThat(call("HEAD", "/echo/pets/7", bare).statusCode()).isEqualTo(403);
    }

    @Test
    void callsWithAnApiKeyAreNotSubjectToScopes() {
        HttpRequest request = HttpRequest.newBuilder(gateway(api.context() + "/echo/pets/7")).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey).DELETE().build();

        assertThat(send(request).statusCode()).isEqualTo(200);
    }

    private void declare(OperationMethod method, String path, List<String> scopes) {
        operations.declare(api.api().getId(), new OperationSpec(method, path, null, null, scopes));
    }

    private String token(String claim, Object scopes) {
        return "Bearer " + issuer.sign(issuer.claims(clientId).claim(claim, scopes).build());
    }

    private HttpResponse<String> call(String method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(api.context() + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }
}
