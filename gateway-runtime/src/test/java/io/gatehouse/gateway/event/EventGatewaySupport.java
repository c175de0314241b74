package io.gatehouse.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.websocket.WsClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/**
 * The event gateway's calls for its integration tests: publishing with {@code POST}, SSE and WebSocket
 * clients (closed after each test), and subscriptions the gateway already serves. Paths are whole
 * (the API's context included).
 */
public abstract class EventGatewaySupport extends GatewayIntegrationSupport {

    private static final Pattern EVENT_ID = Pattern.compile("\\{\"id\":\"([^\"]+)\"}");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Closed, last first, after each test. */
    protected final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeOpened() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        open.clear();
    }

    /** Subscribes, then waits until the gateway serves the subscription. */
    @Override
    protected Caller subscribe(Published published) {
        Caller caller = super.subscribe(published);
        awaitServingCurrentRegistry();
        return caller;
    }

    protected SseClient sse(String path, String apiKey, String lastEventId) throws Exception {
        SseClient client = new SseClient(gateway(path), apiKey, lastEventId);
        open.add(client);
        return client;
    }

    protected WsClient ws(String path, String apiKey) throws Exception {
        WsClient client = WsClient.withKey(gatewayWs(path), apiKey);
        open.add(client);
        return client;
    }

    protected URI gatewayWs(String path) {
        return URI.create("ws://127.0.0.1:" + gatewayServer.port() + path);
    }

    protected HttpResponse<String> post(String path, String apiKey, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway(path)).header("X-API-Key", apiKey).timeout(CALL_TIMEOUT);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Publishes {@code body}: asserts that it was accepted (202) and returns the event's id. */
    protected String publish(String path, String apiKey, String contentType, String body) {
        HttpResponse<String> response = post(path, apiKey, contentType, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Matcher id = EVENT_ID.matcher(response.body());
        assertThat(id.matches()).as(response.body()).isTrue();
        return id.group(1);
    }
}
