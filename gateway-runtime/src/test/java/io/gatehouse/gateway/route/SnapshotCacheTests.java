package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.api.event.MqttSource;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.core.snapshot.SnapshotLoader;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.policy.ChainAssembler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;

class SnapshotCacheTests extends GatewayIntegrationSupport {

    @Autowired ChainAssembler assembler;
    @Autowired SecretSealer sealer;
    @Autowired ApplicationContext context;

    @TempDir
    Path directory;

    @Test
    void aGatewayStartingWithoutTheDatabaseServesTheCachedSnapshot() throws Exception {
        Published api = publish(new RateLimit(100, "PT1M"));
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();
        SnapshotCache cache = new SnapshotCache(properties(directory.resolve("cache/snapshot.json")), sealer);
        GatewaySnapshot loaded = snapshotLoader.load();
        cache.write(loaded);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
        assertThat(Files.readString(cache.file())).doesNotContain(caller.apiKey());
        assertThat(cache.read()).contains(loaded);

        SnapshotLoader unreachable = new SnapshotLoader(jdbc, null, null, null, null, null, null, null, null, null) {
            @Override
            public GatewaySnapshot load() {
                throw new DataAccessResourceFailureException("database unreachable (simulated)");
            }
        };
        LiveRoutes routes = new LiveRoutes(unreachable, assembler, dataSource, properties(cache.file()), cache);
        routes.start();
        try {
            assertThat(routes.current().version()).isEqualTo(loaded.version());
            assertThat(routes.current().match(api.context() + "/echo")).isNotNull();
        } finally {
            routes.stop();
        }
    }

    @Test
    void aCacheWrittenBeforeApisHadGatewayOptionsReadsWithTheDefaults() throws Exception {
        publish();
        SnapshotCache cache = new SnapshotCache(properties(directory.resolve("snapshot.json")), sealer);
        GatewaySnapshot loaded = snapshotLoader.load();
        cache.write(loaded);
        String current = Files.readString(cache.file());
        assertThat(current).contains("\"keyHeader\":\"X-API-Key\"", "\"forwardCredentials\":false");

        Files.writeString(cache.file(), current.replaceAll(",\"(keyHeader\":\"[^\"]*\"|connectTimeout\":null|forwardCredentials\":false)", ""));

        assertThat(Files.readString(cache.file())).doesNotContain("keyHeader", "connectTimeout", "forwardCredentials");
        assertThat(cache.read()).contains(loaded);
    }

    @Test
    void brokerPasswordsAreSealedInTheCacheAndOpenedAsItIsRead() throws Exception {
        Published api = new EventApiFixtures(context).publish(Map.of("kind", "MQTT",
                "serverUri", "tcp://gatehouse:s3cr%40t-pw@127.0.0.1:1883"));
        SnapshotCache cache = new SnapshotCache(properties(directory.resolve("snapshot.json")), sealer);
        GatewaySnapshot loaded = snapshotLoader.load();
        cache.write(loaded);

        String written = Files.readString(cache.file());
        assertThat(written).doesNotContain("s3cr").contains("tcp://gatehouse:ghs1.");
        assertThat(cache.read()).contains(loaded);
        assertThat(((MqttSource) cache.read().orElseThrow().apisByContext().get(api.context()).source()).serverUri())
                .isEqualTo("tcp://gatehouse:s3cr%40t-pw@127.0.0.1:1883");
    }

    @Test
    void anUnreadableCacheIsIgnored() throws Exception {
        Path file = directory.resolve("snapshot.json");
        Files.writeString(file, "{\"version\": 3, \"apisBy");
        assertThat(new SnapshotCache(properties(file), sealer).read()).isEmpty();
    }

    private static GatewayProperties properties(Path cacheFile) {
        return new GatewayProperties(0, "127.0.0.1", Duration.ofSeconds(1), Duration.ofSeconds(1), "cache-node",
                Duration.ofSeconds(5), Duration.ofMillis(50), 10, Duration.ofSeconds(1),
                GatewayProperties.Usage.defaults().withJournalDir(cacheFile.resolveSibling("journal")), cacheFile, 0);
    }
}
