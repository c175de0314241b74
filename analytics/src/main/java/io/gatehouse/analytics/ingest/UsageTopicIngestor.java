package io.gatehouse.analytics.ingest;

import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageRows;
import io.gatehouse.core.usage.UsageTransportProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Moves usage records from the usage topic into the ledger ({@code gatehouse.usage.transport=kafka}):
 * one consumer in the control plane's shared group polls a batch, stores it in one transaction with
 * {@link UsageRows} (idempotent on the record's id), and only then commits the batch's offsets. A crash
 * between the two re-reads the batch, which the ledger keeps once; a failed store seeks back and
 * retries with backoff, so nothing is skipped. A line that cannot be read is logged and counted
 * ({@code gatehouse.usage.ingest.unreadable}) and skipped: retrying would not make it readable.
 */
@Component
@ConditionalOnProperty(name = "gatehouse.usage.transport", havingValue = "kafka")
public class UsageTopicIngestor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageTopicIngestor.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final UsageTransportProperties.Kafka settings;
    private final Counter ingested;
    private final Counter unreadable;
    private final Counter failures;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread worker;
    private volatile boolean running;

    public UsageTopicIngestor(JdbcTemplate jdbc, UsageTransportProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.settings = properties.kafka();
        this.ingested = registry.counter("gatehouse.usage.ingest.records");
        this.unreadable = registry.counter("gatehouse.usage.ingest.unreadable");
        this.failures = registry.counter("gatehouse.usage.ingest.failures");
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxBatch());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gatehouse-usage-ingest");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        KafkaConsumer<byte[], byte[]> current = consumer;
        current.subscribe(List.of(settings.topic()));
        while (running) {
            ConsumerRecords<byte[], byte[]> polled;
            try {
                polled = current.poll(POLL);
            } catch (WakeupException e) {
                break;
            }
            if (polled.isEmpty()) {
                continue;
            }
            try {
                store(polled);
                current.commitSync(nextOffsets(polled));
                backoff = Duration.ofMillis(200);
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("Could not ingest {} usage record(s) ({}); retrying in {} ms", polled.count(), e.getMessage(),
                        backoff.toMillis());
                rewind(current, polled);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        current.close(Duration.ofSeconds(5));
    }

    private void store(ConsumerRecords<byte[], byte[]> polled) {
        List<UsageRecord> records = new ArrayList<>(polled.count());
        for (ConsumerRecord<byte[], byte[]> message : polled) {
            try {
                records.add(UsageLines.decode(new String(message.value(), StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                unreadable.increment();
                log.error("Skipping unreadable usage record at {}-{}@{}: {}", message.topic(), message.partition(),
                        message.offset(), e.getMessage());
            }
        }
        if (!records.isEmpty()) {
            UsageRows.store(jdbc, records);
        }
        ingested.increment(records.size());
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> polled) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
            offsets.put(partition, new OffsetAndMetadata(records.getLast().offset() + 1));
        }
        return offsets;
    }

    /** Seeks back to the first record of the batch in each partition, so the next poll reads it again. */
    private static void rewind(KafkaConsumer<byte[], byte[]> consumer, ConsumerRecords<byte[], byte[]> polled) {
        for (TopicPartition partition : polled.partitions()) {
            consumer.seek(partition, polled.records(partition).getFirst().offset());
        }
    }

    private void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        consumer = newConsumer();
        running = true;
        worker = Thread.ofPlatform().daemon().name("usage-ingest").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread current = worker;
        if (current == null) {
            return;
        }
        consumer.wakeup();
        try {
            current.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
