package io.gatehouse.gateway.event.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.webhook.CallbackAddresses;
import io.gatehouse.core.webhook.delivery.AttemptResult;
import io.gatehouse.core.webhook.delivery.ClaimedDelivery;
import io.gatehouse.core.webhook.signature.StandardWebhooks;
import io.gatehouse.core.webhook.signature.WebhookSecrets;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over https, the sender connects to the address it checked and still verifies the certificate
 * against the URL's host name (SNI and host verification survive the pinned address).
 */
class WebhookSenderTlsTests {

    private final Vertx vertx = Vertx.vertx();
    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("hooks.example.test");
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final String secret = WebhookSecrets.generate();
    private HttpServer server;
    private WebhookSender sender;

    @BeforeEach
    void start() {
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions())
                        .setSni(true))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    try {
                        new StandardWebhooks(secret).verify(body.getBytes(), request.getHeader("webhook-id"),
                                request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"));
                        received.add(request.authority() + " " + request.connection().indicatedServerName());
                        request.response().setStatusCode(204).end();
                    } catch (RuntimeException e) {
                        request.response().setStatusCode(401).end();
                    }
                }))
                .listen(0, "127.0.0.1").await();
        CallbackAddresses.Resolver dns = host -> switch (host) {
            case "hooks.example.test", "impostor.example.test" -> new InetAddress[] {InetAddress.getLoopbackAddress()};
            default -> throw new UnknownHostException(host);
        };
        sender = new WebhookSender(vertx, new CallbackAddresses(true, dns), Duration.ofSeconds(5), certificate.trustOptions());
    }

    @AfterEach
    void stop() {
        sender.close();
        vertx.close().await();
        certificate.delete();
    }

    @Test
    void deliversOverTlsToTheCheckedAddressWithTheUrlsHostName() {
        AttemptResult result = sender.send(delivery("https://hooks.example.test:" + server.actualPort() + "/in")).join();

        assertThat(result.status()).as(result.error()).isEqualTo(204);
        assertThat(received).containsExactly("hooks.example.test:" + server.actualPort() + " hooks.example.test");
    }

    @Test
    void refusesACertificateForAnotherHost() {
        AttemptResult result = sender.send(delivery("https://impostor.example.test:" + server.actualPort() + "/in")).join();

        assertThat(result.status()).isNull();
        assertThat(result.error()).isNotBlank();
        assertThat(received).isEmpty();
    }

    private ClaimedDelivery delivery(String url) {
        return new ClaimedDelivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), URI.create(url), secret, "evt-1",
                "lights/measured", "application/json", "{\"lux\":1}".getBytes(StandardCharsets.UTF_8), 1, 1, UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "/streetlights/v1", UUID.randomUUID(), UUID.randomUUID());
    }
}
