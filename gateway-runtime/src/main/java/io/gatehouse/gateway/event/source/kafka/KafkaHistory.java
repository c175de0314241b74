package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a channel path's records after a position, for consumers that resume: every partition of its
 * topic from the position on, up to the end offsets the read started with. Consumers without a group
 * are kept in a small pool and reused.
 */
final class KafkaHistory implements AutoCloseable {

    private static final int POOLED = 4;

    private final Supplier<KafkaConsumer<byte[], byte[]>> newReader;
    private final Duration timeout;
    private final BlockingQueue<KafkaConsumer<byte[], byte[]>> idle = new ArrayBlockingQueue<>(POOLED);

    KafkaHistory(Supplier<KafkaConsumer<byte[], byte[]>> newReader, Duration timeout) {
        this.newReader = newReader;
        this.timeout = timeout;
    }

    List<StreamEvent> after(UUID apiId, SourceChannel channel, String topic, String path, StreamPosition from, int limit) {
        KafkaConsumer<byte[], byte[]> reader = idle.poll();
        boolean healthy = false;
        try {
            if (reader == null) {
                reader = newReader.get();
            }
            List<StreamEvent> events = read(reader, apiId, channel, topic, path, from, limit);
            healthy = true;
            return events;
        } catch (KafkaException e) {
            throw new SourceUnavailableException("reading Kafka topic " + topic + " failed: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                reader.unsubscribe();
                if (!healthy || !idle.offer(reader)) {
                    reader.close(Duration.ZERO);
                }
            }
        }
    }

    private List<StreamEvent> read(KafkaConsumer<byte[], byte[]> reader, UUID apiId, SourceChannel channel, String topic, String path,
                                   StreamPosition from, int limit) {
        List<PartitionInfo> infos = reader.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        reader.assign(partitions);
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> remaining = new HashMap<>();
        for (TopicPartition partition : partitions) {
            long next = from.last(partition.partition()) + 1;
            long end = ends.getOrDefault(partition, 0L);
            if (next < end) {
                reader.seek(partition, next);
                remaining.put(partition, end);
            }
        }
        reader.pause(partitions.stream().filter(p -> !remaining.containsKey(p)).toList());
        List<StreamEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos() * 3;
        while (!remaining.isEmpty() && events.size() < limit) {
            if (System.nanoTime() > deadline) {
                throw new SourceUnavailableException("reading Kafka topic " + topic + " took too long");
            }
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                Long end = remaining.get(new TopicPartition(record.topic(), record.partition()));
                if (end == null || record.offset() >= end) {
                    continue;
                }
                if (path.equals(KafkaRecords.path(channel, record))) {
                    events.add(KafkaRecords.event(apiId, channel, path, record));
                }
            }
            remaining.entrySet().removeIf(entry -> reader.position(entry.getKey(), timeout) >= entry.getValue());
            reader.pause(partitions.stream().filter(p -> !remaining.containsKey(p)).toList());
        }
        return events.size() > limit ? List.copyOf(events.subList(0, limit)) : events;
    }

    @Override
    public void close() {
        KafkaConsumer<byte[], byte[]> reader;
        while ((reader = idle.poll()) != null) {
            reader.close(Duration.ZERO);
        }
    }
}
