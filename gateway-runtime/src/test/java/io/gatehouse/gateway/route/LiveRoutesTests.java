package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.credential.IssuedApiKey;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveRoutesTests extends GatewayIntegrationSupport {

    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    @Test
    void aNewKeyWorksAtTheGatewayWithinOneSecond() {
        Published api = publish();
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        IssuedApiKey fresh = apiKeyService.issue(caller.application().getId(), new ApiKeySpec("fresh", null));

        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(20))
                .until(() -> get(api.context() + "/echo", fresh.plaintext()).statusCode() == 200);
    }

    @Test
    void aRevokedKeyIsRefusedWithinOneSecond() {
        Published api = publish();
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();
        assertThat(get(api.context() + "/echo", caller.apiKey()).statusCode()).isEqualTo(200);

        apiKeyService.revoke(caller.application().getId(), caller.key().key().getId());

        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(20))
                .until(() -> get(api.context() + "/echo", caller.apiKey()).statusCode() == 401);
    }

    @Test
    void aNewlyPublishedApiIsServedWithinOneSecond() {
        long before = liveRoutes.current().version();
        Published api = publish();

        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(20))
                .until(() -> liveRoutes.current().match(api.context() + "/x") != null);
        assertThat(liveRoutes.current().version()).isGreaterThan(before);
    }
}
