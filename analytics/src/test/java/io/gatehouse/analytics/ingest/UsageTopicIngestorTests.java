package io.gatehouse.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.analytics.AnalyticsTest;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageIds;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageTransportProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Usage records on a real (in-process KRaft) Kafka topic reach the ledger once each, across restarts and duplicates. */
@AnalyticsTest
class UsageTopicIngestorTests {

    private static final String TOPIC = "gatehouse.usage.test";
    private static EmbeddedKafkaKraftBroker kafka;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void startKafka() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopKafka() {
        kafka.destroy();
    }

    @Test
    void everyRecordIsStoredOnceThoughProducedTwiceAndTheIngestorRestartsHalfWay() {
        UUID apiId = UUID.randomUUID();
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            records.add(record(apiId, i));
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            send(producer, records.subList(0, 600));
            producer.send(new ProducerRecord<>(TOPIC, "not json".getBytes(StandardCharsets.UTF_8)));
            UsageTopicIngestor first = ingestor(meters);
            first.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(apiId) == 600);
            first.stop();

            send(producer, records.subList(0, 600)); // a gateway replaying its journal produces them again
            send(producer, records.subList(600, 1200));
            UsageTopicIngestor second = ingestor(meters);
            second.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(apiId) == 1200);
            second.stop();
        }
        assertThat(jdbc.queryForObject("select count(distinct id) from usage_record where api_id = ?", Long.class, apiId))
                .isEqualTo(1200);
        assertThat(jdbc.queryForObject("select sum(response_bytes) from usage_record where api_id = ?", Long.class, apiId))
                .isEqualTo(1200L * 100);
        assertThat(meters.counter("gatehouse.usage.ingest.unreadable").count()).isEqualTo(1);
    }

    private UsageTopicIngestor ingestor(SimpleMeterRegistry meters) {
        UsageTransportProperties properties = new UsageTransportProperties(UsageTransportProperties.Transport.KAFKA,
                new UsageTransportProperties.Kafka(kafka.getBrokersAsString(), TOPIC, "ingest-test", 200));
        return new UsageTopicIngestor(jdbc, properties, meters);
    }

    private long stored(UUID apiId) {
        return jdbc.queryForObject("select count(*) from usage_record where api_id = ?", Long.class, apiId);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.getBrokersAsString(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, List<UsageRecord> records) {
        for (UsageRecord record : records) {
            producer.send(new ProducerRecord<>(TOPIC, record.id().toString().getBytes(StandardCharsets.US_ASCII),
                    UsageLines.encode(record)));
        }
        producer.flush();
    }

    private static UsageRecord record(UUID apiId, int i) {
        return new UsageRecord(UsageIds.next(), Instant.parse("2026-11-10T10:00:00Z").plus(i, ChronoUnit.SECONDS), UsageKind.CALL,
                apiId, null, null, null, null, Outcome.ACCEPTED, "GET", "/pets/" + i, 200, 10, 100, 1500, "req-" + i, "node-1");
    }
}
