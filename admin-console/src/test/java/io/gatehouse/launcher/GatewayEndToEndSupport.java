package io.gatehouse.launcher;

import static org.awaitility.Awaitility.await;

import io.gatehouse.console.ManagementApiTestSupport;
import io.gatehouse.core.snapshot.SnapshotLoader;
import io.gatehouse.gateway.route.LiveRoutes;
import io.gatehouse.gateway.server.GatewayServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * End-to-end tests through the whole all-in-one process: set things up with the management API, then
 * call the gateway of the same process in front of a real upstream.
 */
abstract class GatewayEndToEndSupport extends ManagementApiTestSupport {

    private static final HttpClient GATEWAY_CLIENT = HttpClient.newHttpClient();

    @Autowired
    GatewayServer gateway;
    @Autowired
    LiveRoutes routes;
    @Autowired
    SnapshotLoader registry;

    protected final TestUpstream upstream = new TestUpstream();

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** Registry changes reach the gateway within a second. */
    protected void awaitGatewayServesCurrentRegistry() {
        long version = registry.currentVersion();
        await().atMost(Duration.ofSeconds(1)).until(() -> routes.current().version() >= version);
    }

    /** A GET through the gateway, with one credential header when {@code header} is not null. */
    protected HttpResponse<String> callGateway(String path, String header, String value) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
        if (header != null && value != null) {
            request.header(header, value);
        }
        return GATEWAY_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
