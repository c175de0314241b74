package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.snapshot.SnapshotLoader;
import io.gatehouse.gateway.GatewayProperties;
import io.gatehouse.gateway.GatewayTestApplication;
import io.gatehouse.gateway.RegistryFixtures;
import io.gatehouse.gateway.RegistryFixtures.Served;
import io.gatehouse.gateway.StandaloneDatabase;
import io.gatehouse.gateway.TestUpstream;
import io.gatehouse.gateway.server.GatewayServer;
import io.gatehouse.gateway.usage.JournaledUsageSink;
import io.gatehouse.gateway.usage.PostgresUsageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class DatabaseOutageTests {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path directory;

    @Test
    void theGatewayServesItsLastSnapshotWhileTheDatabaseIsStoppedAndRecoversByItself() throws Exception {
        StandaloneDatabase database = new StandaloneDatabase(directory.resolve("pg")).start();
        List<String> properties = new ArrayList<>(List.of(database.properties()));
        properties.addAll(List.of("gatehouse.gateway.port=0", "gatehouse.gateway.host=127.0.0.1",
                "gatehouse.gateway.registry-poll-interval=500ms", "gatehouse.gateway.usage-flush-interval=200ms",
                "gatehouse.gateway.usage.journal-dir=" + directory.resolve("journal"),
                "gatehouse.gateway.snapshot-cache=" + directory.resolve("snapshot.json"),
                "spring.flyway.locations=classpath:db/migration", "spring.jpa.hibernate.ddl-auto=validate"));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayTestApplication.class)
                .web(WebApplicationType.NONE).properties(properties.toArray(String[]::new)).run()) {
            RegistryFixtures fixtures = new RegistryFixtures(context);
            LiveRoutes routes = context.getBean(LiveRoutes.class);
            JournaledUsageSink sink = context.getBean(JournaledUsageSink.class);
            int port = context.getBean(GatewayServer.class).port();
            Served before = fixtures.publishAndSubscribe(TestUpstream.shared().url());
            long registryVersion = context.getBean(SnapshotLoader.class).currentVersion();
            await().atMost(Duration.ofSeconds(10)).until(() -> routes.current().version() >= registryVersion);

            List<String> answered = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answered.add(callOk(port, before, "up-" + i));
            }
            sink.flush();

            database.stop();
            for (int i = 0; i < 10; i++) {
                answered.add(callOk(port, before, "down-" + i));
            }
            assertThat(Files.readString(directory.resolve("snapshot.json"))).contains(before.context());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(journalText()).contains("down-9"));
            answered.add(aSecondGatewayStartsFromTheCachedSnapshot(database, before));

            database = new StandaloneDatabase(directory.resolve("pg"), database.port()).start();
            Served after = await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> fixtures.publishAndSubscribe(TestUpstream.shared().url()), served -> true);
            long restartedVersion = context.getBean(SnapshotLoader.class).currentVersion();
            await().atMost(Duration.ofSeconds(10)).until(() -> routes.current().version() >= restartedVersion);
            callOk(port, after, "after-restart");
            replayTheJournalTheSecondGatewayLeft(context);

            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<Map<String, Object>> rows = jdbc.queryForList(
                        "select request_id, count(*) as n from usage_record where api_id = ? group by request_id",
                        before.api().getId());
                assertThat(rows).extracting(r -> r.get("request_id")).containsExactlyInAnyOrderElementsOf(answered);
                assertThat(rows).allSatisfy(r -> assertThat(r.get("n")).isEqualTo(1L));
            });
        } finally {
            database.stop();
        }
    }

    /** A gateway-only process starting while the database is down: no Flyway, no JDBC access at boot. */
    private String aSecondGatewayStartsFromTheCachedSnapshot(StandaloneDatabase database, Served served) throws Exception {
        Path cache = directory.resolve("second/snapshot.json");
        Files.createDirectories(cache.getParent());
        Files.copy(directory.resolve("snapshot.json"), cache);
        List<String> properties = new ArrayList<>(List.of(database.properties()));
        properties.addAll(List.of("gatehouse.gateway.port=0", "gatehouse.gateway.host=127.0.0.1",
                "gatehouse.gateway.usage.journal-dir=" + directory.resolve("second/journal"),
                "gatehouse.gateway.snapshot-cache=" + cache,
                "spring.flyway.enabled=false", "spring.jpa.hibernate.ddl-auto=none",
                "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect",
                "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false"));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(GatewayTestApplication.class)
                .web(WebApplicationType.NONE).properties(properties.toArray(String[]::new)).run()) {
            String requestId = callOk(second.getBean(GatewayServer.class).port(), served, "second");
            JournaledUsageSink sink = second.getBean(JournaledUsageSink.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.queued() > 0);
            return requestId;
        }
    }

    private void replayTheJournalTheSecondGatewayLeft(ConfigurableApplicationContext context) {
        GatewayProperties settings = context.getBean(GatewayProperties.class);
        GatewayProperties second = new GatewayProperties(0, "127.0.0.1", settings.connectTimeout(), settings.responseTimeout(),
                "second", settings.registryPollInterval(), Duration.ofMillis(100), 100, settings.shutdownTimeout(),
                settings.usage().withJournalDir(directory.resolve("second/journal")), directory.resolve("second/snapshot.json"), 0);
        JournaledUsageSink sink = new JournaledUsageSink(new PostgresUsageStore(context.getBean(JdbcTemplate.class)), second, new SimpleMeterRegistry());
        sink.start();
        sink.flush();
        sink.stop();
    }

    private String journalText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(directory.resolve("journal"))) {
            for (Path file : files.toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private static String callOk(int port, Served served, String label) throws Exception {
        String requestId = label + "-" + UUID.randomUUID();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + served.context() + "/echo/" + label))
                .header("X-API-Key", served.apiKey()).header("X-Request-Id", requestId)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(label).isEqualTo(200);
        return requestId;
    }
}
