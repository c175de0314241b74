package io.gatehouse.core.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How usage records travel from the gateways to the ledger, under {@code gatehouse.usage}
 * ({@code GATEHOUSE_USAGE_TRANSPORT}, {@code GATEHOUSE_USAGE_KAFKA_BOOTSTRAP_SERVERS}, ...).
 *
 * @param transport {@code postgres}: each gateway stores its records in {@code usage_record} itself.
 *                  {@code kafka}: gateways produce them to a topic and the control plane's ingestor
 *                  stores them, idempotent on the record's id either way
 * @param kafka     the topic, with {@code transport: kafka}
 */
@ConfigurationProperties("gatehouse.usage")
public record UsageTransportProperties(@DefaultValue("postgres") Transport transport, @DefaultValue Kafka kafka) {

    public UsageTransportProperties {
        kafka = kafka == null ? new Kafka(null, "gatehouse.usage", "gatehouse-usage-ingest", 500) : kafka;
        if (transport == Transport.KAFKA && (kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank())) {
            throw new IllegalArgumentException("gatehouse.usage.kafka.bootstrap-servers is required with gatehouse.usage.transport=kafka");
        }
    }

    public enum Transport {
        POSTGRES, KAFKA
    }

    /**
     * @param bootstrapServers the Kafka cluster, {@code host:port,...}
     * @param topic            the usage topic; its records are {@link UsageLines} keyed by the record's id
     * @param consumerGroup    the ingestor's consumer group: one group for the whole control plane
     * @param maxBatch         records the ingestor stores per transaction at most
     */
    public record Kafka(String bootstrapServers, @DefaultValue("gatehouse.usage") String topic,
                        @DefaultValue("gatehouse-usage-ingest") String consumerGroup, @DefaultValue("500") int maxBatch) {
    }
}
