package io.gatehouse.core.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broker password is hidden in what the management API shows, and kept when a client sends the hidden form back. */
class BrokerSecretsTests {

    private static RabbitMqSource rabbit(String uri) {
        return new RabbitMqSource(uri, "lights", Map.of("lights/measured", "lights.#"));
    }

    @Test
    void aPasswordInTheUriIsHiddenAndNothingElse() {
        assertThat(rabbit("amqps://gh:s3cr%40t@broker.example:5671/prod?heartbeat=10").redacted())
                .isEqualTo(rabbit("amqps://gh:****@broker.example:5671/prod?heartbeat=10"));
        assertThat(rabbit("amqp://broker.example").redacted()).isEqualTo(rabbit("amqp://broker.example"));
        assertThat(rabbit("amqp://guest@broker.example").redacted()).isEqualTo(rabbit("amqp://guest@broker.example"));
        assertThat(new KafkaSource("k:9092", Map.of()).redacted()).isEqualTo(new KafkaSource("k:9092", Map.of()));
        assertThat(new MqttSource("ssl://gh:p%40ss@broker:8883", 1, Map.of()).redacted())
                .isEqualTo(new MqttSource("ssl://gh:****@broker:8883", 1, Map.of()));
    }

    @Test
    void aKafkaPasswordIsHiddenAndKeptWhenSentBackForTheSameClusterAndUser() {
        KafkaSource stored = new KafkaSource("k:9093", Map.of(), new KafkaSecurity("SASL_SSL", "PLAIN", "gh", "pw", null));
        KafkaSource hidden = new KafkaSource("k:9093", Map.of("a", "t"), new KafkaSecurity("SASL_SSL", "PLAIN", "gh", "****", null));

        assertThat(stored.redacted()).isEqualTo(new KafkaSource("k:9093", Map.of(), new KafkaSecurity("SASL_SSL", "PLAIN", "gh", "****", null)));
        assertThat(stored.secretSetting()).isEqualTo("security/password");
        assertThat(hidden.keepingSecretsOf(stored))
                .isEqualTo(new KafkaSource("k:9093", Map.of("a", "t"), new KafkaSecurity("SASL_SSL", "PLAIN", "gh", "pw", null)));
        for (KafkaSource other : List.of(
                new KafkaSource("elsewhere:9093", Map.of(), new KafkaSecurity("SASL_SSL", "PLAIN", "gh", "****", null)),
                new KafkaSource("k:9093", Map.of(), new KafkaSecurity("SASL_SSL", "PLAIN", "ops", "****", null)),
                new KafkaSource("k:9093", Map.of(), new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "gh", "****", null)))) {
            assertThat(other.keepingSecretsOf(stored).hiddenSecretSetting()).as(other.toString()).isEqualTo("security/password");
        }
        assertThat(new KafkaSource("k:9093", Map.of()).secretSetting()).isNull();
    }

    @Test
    void anMqttPasswordSentBackHiddenIsKeptAndOneForAnotherBrokerIsNot() {
        MqttSource stored = new MqttSource("ssl://gh:p%40ss@broker:8883", 1, Map.of());

        assertThat(new MqttSource("ssl://gh:****@broker:8883", 2, Map.of()).keepingSecretsOf(stored))
                .isEqualTo(new MqttSource("ssl://gh:p%40ss@broker:8883", 2, Map.of()));
        assertThat(new MqttSource("ssl://gh:****@other:8883", 1, Map.of()).keepingSecretsOf(stored).hiddenSecretSetting())
                .isEqualTo("serverUri");
        assertThat(rabbit("amqp://gh:****@broker:8883").keepingSecretsOf(stored).hiddenSecretSetting()).as("another kind").isEqualTo("uri");
    }

    @Test
    void theHiddenFormSentBackKeepsTheStoredPasswordForTheSameUserAndBroker() {
        RabbitMqSource stored = rabbit("amqps://gh:s3cr%40t@broker.example:5671/prod");

        EventSource sentBack = new RabbitMqSource("amqps://gh:****@broker.example:5671/prod", "other", Map.of()).keepingSecretsOf(stored);

        assertThat(sentBack).isEqualTo(new RabbitMqSource("amqps://gh:s3cr%40t@broker.example:5671/prod", "other", Map.of()));
        assertThat(sentBack.hiddenSecretSetting()).isNull();
    }

    @Test
    void aHiddenPasswordForAnotherUserOrBrokerStaysHidden() {
        RabbitMqSource stored = rabbit("amqps://gh:s3cret@broker.example:5671/prod");

        for (String uri : new String[] {"amqps://other:****@broker.example:5671/prod", "amqps://gh:****@elsewhere:5671/prod",
                "amqps://gh:****@broker.example:5671/test"}) {
            EventSource given = rabbit(uri).keepingSecretsOf(stored);
            assertThat(given).as(uri).isEqualTo(rabbit(uri));
            assertThat(given.hiddenSecretSetting()).as(uri).isEqualTo("uri");
        }
        assertThat(rabbit("amqps://gh:new@broker.example:5671/prod").keepingSecretsOf(stored))
                .isEqualTo(rabbit("amqps://gh:new@broker.example:5671/prod"));
    }
}
