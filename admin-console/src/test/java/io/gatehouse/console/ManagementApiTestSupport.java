package io.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.launcher.GatehouseApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one application context every management API test shares (Spring caches it once), and a
 * small HTTP client that speaks to it over real HTTP as a chosen console user.
 */
@SpringBootTest(classes = GatehouseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "gatehouse.db.embedded=true",
                "gatehouse.admin.password=" + ManagementApiTestSupport.ADMIN_PASSWORD,
                "management.server.port=0",
                "gatehouse.gateway.port=0",
                // webhook tests call receivers on 127.0.0.1 and retry fast
                "gatehouse.webhook.allow-private-networks=true",
                "gatehouse.webhook.poll-interval=100ms",
                "gatehouse.webhook.retry-schedule=100ms,200ms",
                "gatehouse.webhook.timeout=2s",
                // billing tests close the periods they use; the hourly closer of last month would race them
                "gatehouse.billing.auto-close=false",
                "gatehouse.secrets.key=" + ManagementApiTestSupport.SECRETS_KEY,
                // usage tests write records of the early 1990s, which the hourly purge must not find past the
                // minutes' retention
                "gatehouse.usage.minute-rollup-retention=36500d"})
public abstract class ManagementApiTestSupport {

    public static final String ADMIN_PASSWORD = "test-admin-password-1";
    /** The key secrets are sealed with in tests: made for them, never used elsewhere. */
    public static final String SECRETS_KEY = "qNYQObkG3wJqvqYmoBOLHMKNUdELEhXy7VUf3LSsq3U=";
    public static final String USER_PASSWORD = "test-user-password-1";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CONSOLE_PORT = freePort();

    /**
     * The console listens on a port chosen before the context starts, so that the built-in OAuth issuer
     * (whose URL is in every token, and where gateways fetch its keys) can name it.
     */
    @DynamicPropertySource
    static void consoleOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> CONSOLE_PORT);
        registry.add("gatehouse.oauth.issuer", () -> "http://localhost:" + CONSOLE_PORT);
    }

    @LocalServerPort
    protected int port;

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    protected JdbcTemplate jdbc;

    protected Client admin() {
        return as("admin", ADMIN_PASSWORD);
    }

    protected Client as(String username, String password) {
        return new Client(port, "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    protected Client anonymous() {
        return new Client(port, null);
    }

    /** Creates a user with the given roles (and organization, for developers) and signs in as them. */
    protected Client newUser(String roles, String organizationId) {
        String username = "user-" + unique();
        String rolesJson = String.join(",", List.of(roles.split(",")).stream().map(r -> "\"" + r.strip() + "\"").toList());
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + USER_PASSWORD + "\",\"roles\":[" + rolesJson + "]"
                + (organizationId == null ? "" : ",\"organizationId\":\"" + organizationId + "\"") + "}";
        admin().post("/api/v1/users", body).expect(201);
        return as(username, USER_PASSWORD);
    }

    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a REST API at a fresh context; returns its id. */
    protected String createApi(String name) {
        return admin().post("/api/v1/apis", """
                {"name":"%s","version":"v1","context":"/%s/v1","type":"REST","upstream":"http://127.0.0.1:9101"}
                """.formatted(name, name + "-" + unique())).expect(201).id();
    }

    protected String publish(String apiId) {
        admin().post("/api/v1/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}").expect(200);
        return apiId;
    }

    protected String createPlan(String apiId, String approval) {
        return admin().post("/api/v1/apis/" + apiId + "/plans", """
                {"name":"Gold","auth":"API_KEY","rateLimits":[{"limit":5,"period":"PT1M"}],"approval":"%s"}
                """.formatted(approval)).expect(201).id();
    }

    protected String createOrganization() {
        return admin().post("/api/v1/organizations", "{\"name\":\"org-" + unique() + "\"}").expect(201).id();
    }

    protected String createApplication(String organizationId) {
        return admin().post("/api/v1/organizations/" + organizationId + "/applications", "{\"name\":\"app-" + unique() + "\"}")
                .expect(201).id();
    }

    public record Client(int port, String authorization) {

        public Reply get(String path) {
            return send("GET", path, null, "application/json", null);
        }

        public Reply get(String path, String accept) {
            return send("GET", path, null, accept, null);
        }

        public Reply post(String path, String json) {
            return send("POST", path, json, "application/json", "application/json");
        }

        public Reply put(String path, String json) {
            return send("PUT", path, json, "application/json", "application/json");
        }

        public Reply delete(String path) {
            return send("DELETE", path, null, "application/json", null);
        }

        public Reply send(String method, String path, String body, String accept, String contentType) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (accept != null) {
                request.header("Accept", accept);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                return new Reply(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Reply(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String id() {
            return json().get("id").asString();
        }

        public Reply expect(int status) {
            assertThat(status()).as("status of %s %s, body %s", response.request().method(), response.uri(), body())
                    .isEqualTo(status);
            return this;
        }

        /** Asserts an RFC 9457 problem of this status and kind; returns its JSON. */
        public JsonNode problem(int status, String kind) {
            expect(status);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.get("type").asString()).isEqualTo("https://gatehouse.dev/problems/" + kind);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("title").asString()).isNotBlank();
            assertThat(problem.get("detail").asString()).isNotBlank();
            return problem;
        }

        /** The {@code pointer}s (or {@code parameter}s) of a problem's {@code errors}. */
        public List<String> errorPointers() {
            return json().get("errors").valueStream()
                    .map(error -> error.has("pointer") ? error.get("pointer").asString() : error.get("parameter").asString())
                    .toList();
        }
    }
}
