package io.gatehouse.gateway.event.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.gateway.MachineServices;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.event.EventGatewaySupport;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.sse.SseClient.Event;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.stream.StreamHub;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An MQTT broker that asks for a user name and password: a Mosquitto of the test's own (the machine's
 * {@code mosquitto} and {@code mosquitto_passwd}) with anonymous access off. The credentials travel in
 * the source's {@code serverUri}, percent-encoded, and never appear in what the gateway says.
 */
@ExtendWith(MqttCredentialsTests.MosquittoInstalled.class)
class MqttCredentialsTests extends EventGatewaySupport {

    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String USER = "gatehouse";
    private static final String PASSWORD = "s3cr@t:x y";
    private static final String ENCODED_PASSWORD = "s3cr%40t%3Ax%20y";

    private static Process broker;
    private static int port;

    @Autowired
    ApplicationContext context;
    @Autowired
    StreamHub streams;

    /** Fails (CI) or skips the class when Mosquitto is not installed. */
    static final class MosquittoInstalled implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            boolean installed = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) && Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd"));
            MachineServices.require("Mosquitto (installed, to start one with a password file)", "127.0.0.1", 0, installed, context);
        }
    }

    @BeforeAll
    static void startBroker(@TempDir Path dir) throws Exception {
        Path passwords = dir.resolve("passwords");
        Process passwd = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", "-c", passwords.toString(), USER, PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(passwd.waitFor(10, TimeUnit.SECONDS) && passwd.exitValue() == 0).as("mosquitto_passwd").isTrue();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous false
                password_file %s
                persistence false
                user root
                """.formatted(port, passwords)); // as root, Mosquitto would otherwise become a user that cannot read this directory
        broker = new ProcessBuilder("/usr/sbin/mosquitto", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> MachineServices.listening("127.0.0.1", port));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGatewayLogsInWithTheCredentialsOfTheServerUri() throws Exception {
        String topic = "gatehouse-test/" + UUID.randomUUID().toString().substring(0, 8) + "/lights/{lightId}/measured";
        Published api = new EventApiFixtures(context).publish(Map.of("kind", "MQTT",
                "serverUri", "tcp://" + USER + ":" + ENCODED_PASSWORD + "@127.0.0.1:" + port,
                "topics", Map.of("lights/measured", topic)), Permission.SUBSCRIBE, Permission.PUBLISH);
        awaitServingCurrentRegistry();
        Caller caller = subscribe(api);
        SseClient stream = sse(api.context() + "/lights/1/measured", caller.apiKey(), null);
        await().atMost(WITHIN).until(() -> streams.subscribers(api.api().getId(), "/lights/1/measured") == 1);

        String id = publish(api.context() + "/lights/1/measured", caller.apiKey(), "application/json", "{\"lux\":7}");

        assertThat(stream.events(1, WITHIN)).containsExactly(new Event(id, "{\"lux\":7}"));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() {
        String wrong = "tcp://" + USER + ":not-" + ENCODED_PASSWORD + "@127.0.0.1:" + port;

        assertThatThrownBy(() -> MqttClients.connect(wrong, MqttClients.clientId("test"), Duration.ofSeconds(5), MqttClients.QUIET,
                Duration.ZERO))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("tcp://127.0.0.1:" + port)
                .hasMessageNotContaining("not-")
                .hasMessageNotContaining(USER);
        assertThatThrownBy(() -> MqttClients.connect("tcp://127.0.0.1:" + port, MqttClients.clientId("test"), Duration.ofSeconds(5),
                MqttClients.QUIET, Duration.ZERO)).as("anonymous access is off").isInstanceOf(SourceUnavailableException.class);
    }
}
