package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.SnapshotLoader;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.policy.ChainAssembler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;

class LiveRoutesRetryTests extends GatewayIntegrationSupport {

    @Autowired ChainAssembler assembler;
    @Autowired GatewayProperties properties;
    @Autowired SecretSealer sealer;

    @Test
    void aFailedRebuildKeepsTheOldRoutesAndIsRetried() {
        AtomicBoolean failing = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        SnapshotLoader flaky = new SnapshotLoader(jdbc, null, null, null, null, null, null, null, null, null) {
            @Override
            public GatewaySnapshot load() {
                if (failing.get()) {
                    failures.incrementAndGet();
                    throw new DataAccessResourceFailureException("database unreachable (simulated)");
                }
                return snapshotLoader.load();
            }
        };
        LiveRoutes routes = new LiveRoutes(flaky, assembler, dataSource, properties, new SnapshotCache(properties, sealer));
        routes.start();
        try {
            long before = routes.current().version();
            failing.set(true);
            Published api = publish();
            awaitServingCurrentRegistry();

            await().atMost(Duration.ofSeconds(3)).until(() -> failures.get() >= 3);
            assertThat(routes.current().version()).isEqualTo(before);
            assertThat(routes.current().match(api.context())).isNull();

            failing.set(false);
            await().atMost(Duration.ofSeconds(2)).until(() -> routes.current().match(api.context()) != null);
        } finally {
            routes.stop();
        }
    }
}
