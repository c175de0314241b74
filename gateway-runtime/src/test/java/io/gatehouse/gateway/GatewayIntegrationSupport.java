package io.gatehouse.gateway;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.application.Application;
import io.gatehouse.core.application.ApplicationService;
import io.gatehouse.core.application.ApplicationSpec;
import io.gatehouse.core.credential.ApiKeyService;
import io.gatehouse.core.credential.ApiKeySpec;
import io.gatehouse.core.credential.IssuedApiKey;
import io.gatehouse.core.organization.Organization;
import io.gatehouse.core.organization.OrganizationService;
import io.gatehouse.core.organization.OrganizationSpec;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanService;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.snapshot.SnapshotLoader;
import io.gatehouse.core.subscription.Subscription;
import io.gatehouse.core.subscription.SubscriptionService;
import io.gatehouse.core.subscription.SubscriptionSpec;
import io.gatehouse.gateway.route.LiveRoutes;
import io.gatehouse.gateway.server.GatewayServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the gateway's HTTP-level tests share: one Spring context with an embedded PostgreSQL and the
 * gateway on a random port, a real upstream, registry fixtures made through the platform-core
 * services, and a JDK HTTP client. Each test makes its own APIs under unique context paths.
 */
@SpringBootTest(classes = GatewayTestApplication.class, properties = {
        "gatehouse.db.embedded=true",
        "gatehouse.gateway.port=0",
        "gatehouse.gateway.host=127.0.0.1",
        "gatehouse.gateway.proxy.max-body-size=24MB",
        "spring.main.web-application-type=none",
        // webhook tests run their own dispatchers, with their own settings, and call receivers on 127.0.0.1
        "gatehouse.webhook.delivery=false",
        "gatehouse.webhook.allow-private-networks=true",
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.flyway.locations=classpath:db/migration",
        "gatehouse.secrets.key=" + GatewayIntegrationSupport.SECRETS_KEY})
public abstract class GatewayIntegrationSupport {

    /** The key secrets are sealed with in tests: made for them, never used elsewhere. */
    protected static final String SECRETS_KEY = "qNYQObkG3wJqvqYmoBOLHMKNUdELEhXy7VUf3LSsq3U=";

    protected static final TestUpstream upstream = TestUpstream.shared();
    protected static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final Path localData = temporaryDirectory();

    @DynamicPropertySource
    static void localFiles(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.gateway.usage.journal-dir", () -> localData.resolve("usage-journal").toString());
        registry.add("gatehouse.gateway.snapshot-cache", () -> localData.resolve("snapshot.json").toString());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("gatehouse-gateway-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired protected ApiService apiService;
    @Autowired protected PlanService planService;
    @Autowired protected OrganizationService organizationService;
    @Autowired protected ApplicationService applicationService;
    @Autowired protected ApiKeyService apiKeyService;
    @Autowired protected SubscriptionService subscriptionService;
    @Autowired protected SnapshotLoader snapshotLoader;
    @Autowired protected LiveRoutes liveRoutes;
    @Autowired protected GatewayServer gatewayServer;
    @Autowired protected JdbcTemplate jdbc;
    @Autowired protected DataSource dataSource;

    /** The gateway trusts {@link TestIssuer#builtIn()} as its built-in authorization server. */
    @DynamicPropertySource
    static void builtInIssuer(DynamicPropertyRegistry registry) {
        registry.add("gatehouse.gateway.oauth.issuer", () -> TestIssuer.builtIn().url());
    }

    /** A published REST API and its one plan. */
    public record Published(Api api, Plan plan) {
        public String context() {
            return api.getContext();
        }
    }

    /** An organization's application with a key and a subscription. */
    public record Caller(Organization organization, Application application, IssuedApiKey key, Subscription subscription) {
        public String apiKey() {
            return key.plaintext();
        }
    }

    protected Published publish(String upstreamUrl, Integer timeoutMs, PlanAuth auth, Approval approval, RateLimit... limits) {
        return publish(name -> new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.REST, upstreamUrl, null, timeoutMs, null, null, null),
                auth, approval, limits);
    }

    /** A published REST API with its own gateway options, and one plan. */
    protected Published publish(String upstreamUrl, String keyHeader, Integer connectTimeoutMs, boolean forwardCredentials,
                                PlanAuth auth) {
        return publish(name -> new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.REST, upstreamUrl, null, null,
                keyHeader, connectTimeoutMs, forwardCredentials), auth, Approval.AUTO);
    }

    private Published publish(Function<String, ApiSpec> spec, PlanAuth auth, Approval approval, RateLimit... limits) {
        String name = "t" + UUID.randomUUID().toString().substring(0, 8);
        Api api = apiService.create(spec.apply(name));
        Plan plan = planService.create(api.getId(), new PlanSpec("Gold", auth, List.of(limits), null, approval, null, null));
        apiService.changeState(api.getId(), ApiState.PUBLISHED);
        return new Published(api, plan);
    }

    protected Published publish(RateLimit... limits) {
        return publish(upstream.url(), null, PlanAuth.API_KEY, Approval.AUTO, limits);
    }

    protected Caller subscribe(Published published) {
        String name = "org-" + UUID.randomUUID().toString().substring(0, 8);
        Organization organization = organizationService.create(new OrganizationSpec(name));
        Application application = applicationService.create(organization.getId(), new ApplicationSpec(name + "-app"));
        IssuedApiKey key = apiKeyService.issue(application.getId(), new ApiKeySpec("ci", null));
        Subscription subscription = subscriptionService.subscribe(new SubscriptionSpec(application.getId(), published.plan().getId()));
        return new Caller(organization, application, key, subscription);
    }

    /**
     * Another gateway node on this test's database, with a usage journal and snapshot cache of its own and
     * {@code properties} on top, once it serves the registry as it is now. The caller closes it.
     */
    protected ConfigurableApplicationContext gatewayNode(String... properties) {
        Path files;
        try {
            files = Files.createTempDirectory(localData, "node");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> all = new ArrayList<>(List.of(
                "gatehouse.db.embedded=false",
                "spring.datasource.url=" + ((HikariDataSource) dataSource).getJdbcUrl(),
                "spring.datasource.username=postgres",
                "spring.datasource.hikari.maximum-pool-size=5",
                "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=validate",
                "gatehouse.gateway.port=0",
                "gatehouse.gateway.host=127.0.0.1",
                "gatehouse.webhook.delivery=false",
                "gatehouse.secrets.key=" + SECRETS_KEY,
                "gatehouse.gateway.usage.journal-dir=" + files.resolve("usage-journal"),
                "gatehouse.gateway.snapshot-cache=" + files.resolve("snapshot.json")));
        all.addAll(List.of(properties));
        ConfigurableApplicationContext node = new SpringApplicationBuilder(GatewayTestApplication.class)
                .web(WebApplicationType.NONE).properties(all.toArray(String[]::new)).run();
        long version = snapshotLoader.currentVersion();
        await().atMost(Duration.ofSeconds(10)).until(() -> node.getBean(LiveRoutes.class).current().version() >= version);
        return node;
    }

    /** Waits until the gateway serves the registry as it is now. */
    protected void awaitServingCurrentRegistry() {
        long version = snapshotLoader.currentVersion();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                .until(() -> liveRoutes.current().version() >= version);
    }

    protected URI gateway(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gatewayServer.port() + pathAndQuery);
    }

    protected HttpResponse<String> get(String pathAndQuery, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return send(request.GET().build());
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
