package io.gatehouse.core.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.error.FieldProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSourceReaderTests {

    /** A self-signed certificate for kafka.test, made with openssl for this test. */
    static final String CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBfzCCASWgAwIBAgIUeCemd1Pbi3sza2Cm+CRqjEhT32owCgYIKoZIzj0EAwIw
            FTETMBEGA1UEAwwKa2Fma2EudGVzdDAeFw0yNjExMjgwNTI4MjBaFw0zNjExMjUw
            NTI4MjBaMBUxEzARBgNVBAMMCmthZmthLnRlc3QwWTATBgcqhkjOPQIBBggqhkjO
            PQMBBwNCAAQ+UAEqyRR1cOqhNQ5YJVKkQX9nj6px4wMIQd2GfzwFuTk24/48LWeq
            HLG5mpfUj11GZo/VHLw4JACozT3O+l4To1MwUTAdBgNVHQ4EFgQU6IRHeKTXW5+q
            0QVFjHclCR7t3+cwHwYDVR0jBBgwFoAU6IRHeKTXW5+q0QVFjHclCR7t3+cwDwYD
            VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiA4Oar4+t+R8/7yeRu2KUyL
            5w0zid1kthM/mwVI48cdYAIhAOzeinm2yEWaIkI5NJxNWdL5/cbcR+1g+xvI6YCn
            1QVU
            -----END CERTIFICATE-----""";

    @Test
    void eachKindReadsWithItsDefaults() {
        assertThat(read(Map.of("kind", "BUILTIN"))).isEqualTo(new BuiltinSource("P7D"));
        assertThat(((BuiltinSource) read(Map.of("kind", "builtin", "retention", "PT12H"))).retentionPeriod()).isEqualTo(Duration.ofHours(12));
        assertThat(read(Map.of("kind", "KAFKA", "bootstrapServers", "k1:9092, k2:9093", "topics", Map.of("lights/measured", "lights.{id}"))))
                .isEqualTo(new KafkaSource("k1:9092, k2:9093", Map.of("lights/measured", "lights.{id}")));
        assertThat(read(Map.of("kind", "RABBITMQ", "uri", "amqps://user:pw@rabbit:5671/vhost", "exchange", "events")))
                .isEqualTo(new RabbitMqSource("amqps://user:pw@rabbit:5671/vhost", "events", Map.of()));
        assertThat(read(Map.of("kind", "MQTT", "serverUri", "tcp://127.0.0.1:1883"))).isEqualTo(new MqttSource("tcp://127.0.0.1:1883", 1, Map.of()));
        assertThat(read(Map.of("kind", "MQTT", "serverUri", "wss://broker/mqtt", "qos", "0"))).isEqualTo(new MqttSource("wss://broker/mqtt", 0, Map.of()));
    }

    @Test
    void everyProblemIsNamedByItsPointer() {
        assertThat(problems(Map.of())).containsExactly("/source/kind: is required: one of BUILTIN, KAFKA, RABBITMQ, MQTT");
        assertThat(problems("KAFKA")).containsExactly("/source: must be an object such as {\"kind\": \"BUILTIN\"}");
        assertThat(problems(Map.of("kind", "NATS"))).containsExactly("/source/kind: must be one of BUILTIN, KAFKA, RABBITMQ, MQTT");
        assertThat(problems(Map.of("kind", "KAFKA", "bootstrapServers", "kafka", "topics", Map.of("a", "no spaces"))))
                .containsExactlyInAnyOrder("/source/bootstrapServers: must be host:port pairs, comma-separated, such as kafka-1:9092,kafka-2:9092",
                        "/source/topics/a: must be a Kafka topic: up to 249 letters, digits, '.', '_', '-' (and {parameters})");
        assertThat(problems(Map.of("kind", "RABBITMQ", "uri", "amqp://", "exchange", " ", "routingKeys", List.of())))
                .extracting(problem -> problem.substring(0, problem.indexOf(':'))).containsExactlyInAnyOrder("/source/uri", "/source/exchange",
                        "/source/routingKeys");
        assertThat(problems(Map.of("kind", "MQTT", "serverUri", "http://broker", "qos", 3, "topics", Map.of("x/y", "a/+/b"))))
                .extracting(problem -> problem.substring(0, problem.indexOf(':')))
                .containsExactlyInAnyOrder("/source/serverUri", "/source/qos", "/source/topics/x~1y");
        assertThat(problems(Map.of("kind", "BUILTIN", "retention", "P400D", "topics", Map.of())))
                .containsExactlyInAnyOrder("/source/retention: must be a positive duration of at most P365D",
                        "/source/topics: is not a setting of a BUILTIN source (its settings: retention)");
    }

    @Test
    void aKafkaSourceSignsInWithSaslAndTrustsTheCertificatesItIsGiven() {
        assertThat(read(Map.of("kind", "KAFKA", "bootstrapServers", "k:9093", "security", Map.of("protocol", "sasl_ssl",
                "mechanism", "SCRAM-SHA-512", "username", "gatehouse", "password", " spaced pw ", "trustedCertificates", CERTIFICATE))))
                .isEqualTo(new KafkaSource("k:9093", Map.of(),
                        new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "gatehouse", " spaced pw ", CERTIFICATE)));
        assertThat(read(Map.of("kind", "KAFKA", "bootstrapServers", "k:9093", "security", Map.of("protocol", "SSL"))))
                .isEqualTo(new KafkaSource("k:9093", Map.of(), new KafkaSecurity("SSL", null, null, null, null)));
    }

    @Test
    void aKafkaSecurityProblemIsNamedByItsPointer() {
        assertThat(problems(Map.of("kind", "KAFKA", "bootstrapServers", "k:9092", "security", Map.of("protocol", "SASL_PLAINTEXT"))))
                .containsExactlyInAnyOrder("/source/security/mechanism: is required: one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512",
                        "/source/security/username: is required: the user to sign in as",
                        "/source/security/password: is required: the user's password");
        assertThat(problems(Map.of("kind", "KAFKA", "bootstrapServers", "k:9092", "security", Map.of("protocol", "KERBEROS"))))
                .containsExactly("/source/security/protocol: must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThat(problems(Map.of("kind", "KAFKA", "bootstrapServers", "k:9092", "security",
                Map.of("protocol", "PLAINTEXT", "password", "pw", "trustedCertificates", CERTIFICATE))))
                .containsExactlyInAnyOrder(
                        "/source/security/password: is not a setting of protocol PLAINTEXT (its settings: protocol)",
                        "/source/security/trustedCertificates: is not a setting of protocol PLAINTEXT (its settings: protocol)");
        assertThat(problems(Map.of("kind", "KAFKA", "bootstrapServers", "k:9092", "security",
                Map.of("protocol", "SSL", "trustedCertificates", CERTIFICATE.substring(0, 120)))))
                .containsExactly("/source/security/trustedCertificates: must be one or more X.509 certificates in PEM (-----BEGIN CERTIFICATE-----)");
        assertThat(problems(Map.of("kind", "KAFKA", "bootstrapServers", "k:9092", "security", "SASL_SSL")))
                .extracting(problem -> problem.substring(0, problem.indexOf(':'))).containsExactly("/source/security");
    }

    @Test
    void perChannelNamesFollowRenamesAndRemovals() {
        EventSource kafka = new KafkaSource("k:9092", Map.of("a", "topic-a", "b", "topic-b"));

        assertThat(kafka.nameAtSource("a", "address-a")).isEqualTo("topic-a");
        assertThat(kafka.nameAtSource("c", "address-c")).isEqualTo("address-c");
        assertThat(kafka.channelRenamed("a", "z").channelNames()).isEqualTo(Map.of("z", "topic-a", "b", "topic-b"));
        assertThat(kafka.channelRenamed("a", null).channelNames()).isEqualTo(Map.of("b", "topic-b"));
        assertThat(kafka.channelRenamed("c", "d")).isSameAs(kafka);
        assertThat(EventSource.DEFAULT.channelRenamed("a", null)).isSameAs(EventSource.DEFAULT);
    }

    private static EventSource read(Object raw) {
        List<FieldProblem> problems = new ArrayList<>();
        EventSource source = EventSourceReader.read(raw, "/source", problems);
        assertThat(problems).isEmpty();
        return source;
    }

    private static List<String> problems(Object raw) {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(EventSourceReader.read(raw, "/source", problems)).isNull();
        return problems.stream().map(problem -> problem.pointer() + ": " + problem.detail()).toList();
    }
}
