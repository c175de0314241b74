package io.gatehouse.gateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageIds;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageTransportProperties;
import io.gatehouse.gateway.GatewayProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** With {@code gatehouse.usage.transport=kafka}, journaled usage records reach a real (in-process KRaft) topic, keyed by id. */
class KafkaUsageStoreTests {

    private static final String TOPIC = "gatehouse.usage";
    private static EmbeddedKafkaKraftBroker kafka;

    @TempDir
    Path journalDir;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 2, TOPIC);
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void acceptedRecordsAreProducedAsUsageLinesKeyedByTheirId() {
        KafkaUsageStore store = new KafkaUsageStore(new UsageTransportProperties(UsageTransportProperties.Transport.KAFKA,
                new UsageTransportProperties.Kafka(kafka.getBrokersAsString(), TOPIC, "unused", 500)));
        JournaledUsageSink sink = new JournaledUsageSink(store, properties(), new SimpleMeterRegistry());
        sink.start();
        List<UsageRecord> records = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                UsageRecord record = new UsageRecord(UsageIds.next(), Instant.now(), UsageKind.CALL, UUID.randomUUID(), null,
                        null, null, null, Outcome.ACCEPTED, "GET", "/p", 200, 1, 2, 3, "r" + i, "node");
                records.add(record);
                sink.accept(record);
            }
            sink.flush();
        } finally {
            sink.stop();
            store.destroy();
        }

        Map<String, UsageRecord> produced = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.getBrokersAsString(),
                "group.id", "check", "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (produced.size() < records.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> message : consumer.poll(Duration.ofMillis(500))) {
                    produced.put(new String(message.key(), StandardCharsets.US_ASCII),
                            UsageLines.decode(new String(message.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        assertThat(produced).hasSize(records.size());
        records.forEach(record -> assertThat(produced.get(record.id().toString())).isEqualTo(record));
    }

    private GatewayProperties properties() {
        return new GatewayProperties(0, "127.0.0.1", Duration.ofSeconds(1), Duration.ofSeconds(1), "kafka-node",
                Duration.ofSeconds(5), Duration.ofMillis(50), 100, Duration.ofSeconds(1),
                new GatewayProperties.Usage(journalDir, GatewayProperties.FsyncPolicy.INTERVAL, Duration.ofMillis(50), 1 << 20),
                journalDir.resolve("snapshot.json"), 0);
    }
}
