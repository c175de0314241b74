package io.gatehouse.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.exchange.Exchange;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLogTests extends GatewayIntegrationSupport {

    private final Logger accessLogger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Published api;
    private Caller caller;

    @BeforeEach
    void listen() {
        api = publish();
        caller = subscribe(api);
        awaitServingCurrentRegistry();
        lines.start();
        accessLogger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        accessLogger.detachAppender(lines);
    }

    @Test
    void logsOneLinePerCallWithTheClientsRequestIdAndNeitherQueryNorKey() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(api.context() + "/echo/pets?api_key=" + caller.apiKey() + "&q=1"))
                .header("X-API-Key", caller.apiKey())
                .header("X-Request-Id", "trace-abc-123")
                .build());
        assertThat(response.statusCode()).isEqualTo(200);

        String line = lineWith("request_id=trace-abc-123");
        assertThat(line).isEqualTo(("request_id=trace-abc-123 client=127.0.0.1 method=GET path=%s/echo/pets status=200 bytes_in=0"
                + " bytes_out=0 latency_ms=%s api=%s application=%s outcome=accepted")
                .formatted(api.context(), field(line, "latency_ms"), api.context(), caller.application().getId()));
        assertThat(line).doesNotContain(caller.apiKey(), "api_key", "q=1");
    }

    @Test
    void logsTheGeneratedRequestIdWhenTheClientSentNone() {
        HttpResponse<String> response = get(api.context() + "/echo", caller.apiKey());

        String generated = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generated).matches("[0-9a-f-]{36}");
        assertThat(lineWith("request_id=" + generated)).contains("status=200", "outcome=accepted");
    }

    @Test
    void logsRejectedAndUnroutedCalls() {
        String refusedId = get(api.context() + "/echo", null).headers().firstValue("X-Request-Id").orElseThrow();
        String unroutedId = get("/nobody-serves-this/v1/x", null).headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(lineWith(refusedId)).contains("status=401", "api=" + api.context(), "application=-", "outcome=rejected");
        assertThat(lineWith(unroutedId)).contains("path=/nobody-serves-this/v1/x", "status=404", "api=-", "outcome=no_route");
    }

    @Test
    void encodesWhatCouldForgeALineAndWritesNothingWhenSwitchedOff() {
        Exchange exchange = new Exchange("id-1", "GET", "/a b\"\n\\c", "key=secret", io.vertx.core.MultiMap.caseInsensitiveMultiMap(),
                new InetSocketAddress("203.0.113.9", 4711));
        exchange.status(404);
        exchange.complete();
        assertThat(AccessLog.line(exchange)).startsWith("request_id=id-1 client=203.0.113.9 method=GET path=/a%20b%22%0A%5Cc status=404")
                .doesNotContain("secret");
        assertThat(AccessLog.line(new Exchange("id-2", "GET", "/" + "x".repeat(5000), null, io.vertx.core.MultiMap.caseInsensitiveMultiMap(), null)))
                .contains("client=- ", "x".repeat(AccessLog.MAX_PATH - 1) + "... ");

        int before = lines.list.size();
        new AccessLog(new AccessLogProperties(false, 1), new SimpleMeterRegistry()).record(exchange);
        assertThat(lines.list).hasSize(before);
    }

    private String lineWith(String text) {
        await().atMost(Duration.ofSeconds(5)).until(() -> messages().stream().anyMatch(line -> line.contains(text)));
        List<String> matching = messages().stream().filter(line -> line.contains(text)).toList();
        assertThat(matching).hasSize(1);
        return matching.getFirst();
    }

    private List<String> messages() {
        synchronized (lines) {
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static String field(String line, String name) {
        int start = line.indexOf(name + "=") + name.length() + 1;
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }
}
