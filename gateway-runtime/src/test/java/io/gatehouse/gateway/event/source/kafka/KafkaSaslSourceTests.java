package io.gatehouse.gateway.event.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.api.ApiState;
import io.gatehouse.gateway.event.source.BrokerSourceContract;
import io.gatehouse.gateway.event.sse.SseClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker contract against a Kafka cluster whose clients must sign in (SASL/PLAIN): the gateway signs in
 * with the source's user and password; with a wrong password it refuses publishes with 503 and ends streams.
 */
class KafkaSaslSourceTests extends BrokerSourceContract {

    private String prefix;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = SaslKafka.clientSettings();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(config);
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Override
    protected Map<String, Object> source() {
        return source(SaslKafka.bootstrapServers(), SaslKafka.PASSWORD);
    }

    @Override
    protected Map<String, Object> unreachableSource() {
        return source("127.0.0.1:1", SaslKafka.PASSWORD);
    }

    @Override
    protected void sendDirectly(String lightId, String payload) throws Exception {
        producer.send(new ProducerRecord<>(prefix + ".lights." + lightId + ".measured", payload)).get();
    }

    @Test
    void aWrongPasswordRefusesPublishesWith503AndEndsStreams() throws Exception {
        Published api = eventApi(source(SaslKafka.bootstrapServers(), "not-" + SaslKafka.PASSWORD));
        Caller caller = subscribe(api);

        HttpResponse<String> response = post(api.context() + "/lights/1/measured", caller.apiKey(), "{}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).doesNotContain(SaslKafka.PASSWORD);
        SseClient stream = sse(api.context() + "/lights/1/measured", caller.apiKey(), null);
        assertThat(stream.ended(WITHIN)).as("the stream ends").isTrue();
        apiService.changeState(api.api().getId(), ApiState.RETIRED);
    }

    private Map<String, Object> source(String bootstrapServers, String password) {
        return Map.of("kind", "KAFKA", "bootstrapServers", bootstrapServers,
                "topics", Map.of("lights/measured", prefix + ".lights.{lightId}.measured", "alerts", prefix + ".alerts"),
                "security", Map.of("protocol", "SASL_PLAINTEXT", "mechanism", "PLAIN", "username", SaslKafka.USER,
                        "password", password));
    }
}
