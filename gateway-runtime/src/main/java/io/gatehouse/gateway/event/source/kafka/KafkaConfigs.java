package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.core.api.event.KafkaSecurity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The client settings the gateway uses against one cluster. */
final class KafkaConfigs {

    private KafkaConfigs() {
    }

    static Map<String, Object> producer(KafkaAddress address, Duration timeout) {
        Map<String, Object> config = common(address, timeout, "gatehouse-publish");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1);
        return config;
    }

    /** A consumer without a group: it is assigned partitions and positioned by the gateway. */
    static Map<String, Object> reader(KafkaAddress address, Duration timeout, String clientId) {
        Map<String, Object> config = consumer(address, timeout, clientId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    static Map<String, Object> group(KafkaAddress address, Duration timeout, String groupId) {
        Map<String, Object> config = consumer(address, timeout, groupId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        return config;
    }

    private static Map<String, Object> consumer(KafkaAddress address, Duration timeout, String clientId) {
        Map<String, Object> config = common(address, timeout, clientId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        return config;
    }

    private static Map<String, Object> common(KafkaAddress address, Duration timeout, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", address.bootstrapServers());
        config.put("client.id", clientId);
        config.put("request.timeout.ms", (int) timeout.toMillis());
        config.put("reconnect.backoff.max.ms", 5_000);
        config.put("socket.connection.setup.timeout.max.ms", (int) timeout.toMillis());
        config.put("socket.connection.setup.timeout.ms", (int) Math.min(timeout.toMillis(), 10_000));
        secure(config, address.security());
        return config;
    }

    /** TLS and SASL as the source's security says; the broker's host name is checked against its certificate. */
    private static void secure(Map<String, Object> config, KafkaSecurity security) {
        if (security == null) {
            return;
        }
        config.put("security.protocol", security.protocol());
        if (security.sasl()) {
            String module = security.mechanism().equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            config.put("sasl.mechanism", security.mechanism());
            config.put("sasl.jaas.config", module + " required username=\"" + quoted(security.username()) + "\" password=\""
                    + quoted(security.password()) + "\";");
        }
        if (security.tls() && security.trustedCertificates() != null) {
            config.put("ssl.truststore.type", "PEM");
            config.put("ssl.truststore.certificates", security.trustedCertificates());
        }
    }

    /** A value inside a JAAS option's double quotes, where a backslash escapes the next character. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
