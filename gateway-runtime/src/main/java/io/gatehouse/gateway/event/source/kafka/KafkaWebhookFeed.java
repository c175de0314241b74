package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.WebhookSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes an API's channels for webhook delivery in the consumer group
 * {@code gatehouse-webhooks-<api id>}, which every gateway node joins: Kafka gives each partition to
 * one node, so each record is handed to the outbox once across the cluster. Topics are subscribed by
 * a pattern (parameterised topic names match every value, and topics created later are picked up). A
 * partition the group has no committed offset for starts at the records written since this feed
 * started (a new topic from its first record; history from before is not sent). Offsets are
 * committed after the outbox has the records; when it does not, the batch is read again after a
 * pause. Runs on its own thread and reconnects by itself.
 */
final class KafkaWebhookFeed implements Feed {

    private static final Logger log = LoggerFactory.getLogger(KafkaWebhookFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final UUID apiId;
    private final List<SourceChannel> channels;
    private final Supplier<KafkaConsumer<byte[], byte[]>> newConsumer;
    private final WebhookSink sink;
    private final Duration timeout;
    private final Instant startedAt = Instant.now();
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;

    KafkaWebhookFeed(UUID apiId, List<SourceChannel> channels, Supplier<KafkaConsumer<byte[], byte[]>> newConsumer,
                     WebhookSink sink, Duration timeout) {
        this.apiId = apiId;
        this.channels = List.copyOf(channels);
        this.newConsumer = newConsumer;
        this.sink = sink;
        this.timeout = timeout;
        this.thread = Thread.ofPlatform().daemon().name("kafka-webhooks-" + apiId).start(this::run);
    }

    static String groupId(UUID apiId) {
        return "gatehouse-webhooks-" + apiId;
    }

    Pattern pattern() {
        return Pattern.compile(channels.stream().map(channel -> "(?:" + channel.name().regex("[A-Za-z0-9._-]+") + ")")
                .collect(Collectors.joining("|")));
    }

    @Override
    public boolean connected() {
        return connected;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> opened = newConsumer.get()) {
                consumer = opened;
                if (closed) {
                    return;
                }
                opened.subscribe(pattern(), new Positioning(opened));
                while (!closed) {
                    ConsumerRecords<byte[], byte[]> records = opened.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        handOver(opened, records);
                    }
                    backoff = Duration.ofMillis(500);
                }
            } catch (WakeupException e) {
                if (closed) {
                    return;
                }
            } catch (RuntimeException e) {
                connected = false;
                log.warn("The webhook feed of API {} lost Kafka; retrying in {} ms: {}", apiId, backoff.toMillis(), e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                consumer = null;
            }
        }
    }

    private void handOver(KafkaConsumer<byte[], byte[]> opened, ConsumerRecords<byte[], byte[]> records) {
        List<WebhookEvent> events = new ArrayList<>();
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
            String path = KafkaRecords.header(record.headers(), SourceChannel.PATH_HEADER);
            for (SourceChannel channel : channels) {
                if (channel.owns(record.topic(), path)) {
                    events.add(new WebhookEvent(channel.channel().name(),
                            KafkaNames.webhookEventId(record.topic(), record.partition(), record.offset()),
                            KafkaRecords.contentType(record), KafkaRecords.payload(record)));
                    break;
                }
            }
        }
        try {
            if (!events.isEmpty()) {
                sink.enqueue(events);
            }
            opened.commitSync();
        } catch (RuntimeException e) {
            log.warn("Handing {} Kafka record(s) of API {} to webhooks failed; reading them again: {}", events.size(), apiId,
                    e.getMessage());
            first.forEach(opened::seek);
            sleep(Duration.ofSeconds(1));
        }
    }

    private final class Positioning implements ConsumerRebalanceListener {

        private final KafkaConsumer<byte[], byte[]> opened;

        Positioning(KafkaConsumer<byte[], byte[]> opened) {
            this.opened = opened;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> committed = opened.committed(Set.copyOf(partitions), timeout);
                Map<TopicPartition, Long> since = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    if (committed.get(partition) == null) {
                        since.put(partition, startedAt.toEpochMilli());
                    }
                }
                if (!since.isEmpty()) {
                    Map<TopicPartition, OffsetAndTimestamp> offsets = opened.offsetsForTimes(since, timeout);
                    for (TopicPartition partition : since.keySet()) {
                        OffsetAndTimestamp offset = offsets.get(partition);
                        if (offset == null) {
                            opened.seekToEnd(List.of(partition));
                            opened.position(partition, timeout);
                        } else {
                            opened.seek(partition, offset.offset());
                        }
                    }
                    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                    for (TopicPartition partition : since.keySet()) {
                        positions.put(partition, new OffsetAndMetadata(opened.position(partition, timeout)));
                    }
                    opened.commitSync(positions, timeout);
                }
            }
            connected = true;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        thread.interrupt();
    }
}
