package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic read by this gateway node for its streams: a consumer without a group, assigned every
 * partition from its end when the first stream needs it, on its own thread. Each record goes to the
 * streams of its channel path (read from the topic's name or the path header); the topic's position is
 * the start of every stream that joins. Every probe interval without records it asks the broker for
 * the end offsets (a broker that does not answer ends the feed, and with it its streams) and assigns
 * partitions that appeared since, from their beginning (a topic that does not exist yet is looked for
 * every second). The last stream leaving stops it.
 */
final class KafkaTopicFeed {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopicFeed.class);
    private static final Duration NO_TOPIC_PROBE = Duration.ofSeconds(1);

    private record Listener(UUID apiId, SourceChannel channel, String path, FeedSink sink) {
        String key() {
            return apiId + path;
        }
    }

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final Duration probeInterval;
    private final Consumer<KafkaTopicFeed> onStopped;
    private final Map<String, List<Listener>> listeners = new HashMap<>();
    private final StreamPosition position = new StreamPosition();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private volatile boolean stopped;
    private Thread thread;

    KafkaTopicFeed(String topic, Map<String, Object> config, Duration timeout, Duration probeInterval,
                   Consumer<KafkaTopicFeed> onStopped) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(config);
        this.timeout = timeout;
        this.probeInterval = probeInterval;
        this.onStopped = onStopped;
    }

    String topic() {
        return topic;
    }

    /** Assigns the topic's partitions at their end and starts reading; blocking. */
    void start() {
        try {
            assignNewPartitions(true);
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new SourceUnavailableException("Kafka does not answer for topic " + topic + ": " + e.getMessage(), e);
        }
        thread = Thread.ofPlatform().daemon().name("kafka-feed-" + topic).start(this::run);
    }

    /** Adds a stream of {@code path}; its feed starts at the topic's current position. Null when the feed has stopped. */
    Feed register(UUID apiId, SourceChannel channel, String path, FeedSink sink) {
        Listener listener = new Listener(apiId, channel, path, sink);
        StreamPosition start;
        synchronized (this) {
            if (stopped) {
                return null;
            }
            listeners.computeIfAbsent(listener.key(), k -> new ArrayList<>()).add(listener);
            start = position.copy();
        }
        return new Feed() {
            @Override
            public StreamPosition start() {
                return start;
            }

            @Override
            public void close() {
                unregister(listener);
            }
        };
    }

    private void unregister(Listener listener) {
        boolean last;
        synchronized (this) {
            List<Listener> forPath = listeners.get(listener.key());
            if (forPath != null && forPath.remove(listener) && forPath.isEmpty()) {
                listeners.remove(listener.key());
            }
            last = listeners.isEmpty() && !stopped;
            if (last) {
                stopped = true;
            }
        }
        if (last) {
            onStopped.accept(this);
            consumer.wakeup();
        }
    }

    private void run() {
        long lastProbe = System.nanoTime();
        try {
            while (!stopped) {
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    if (System.nanoTime() - lastProbe > Math.min(probeInterval.toNanos(), NO_TOPIC_PROBE.toNanos())) {
                        probe();
                        lastProbe = System.nanoTime();
                    }
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    dispatch(records);
                    lastProbe = System.nanoTime();
                } else if (System.nanoTime() - lastProbe > probeInterval.toNanos()) {
                    probe();
                    lastProbe = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            if (!stopped) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void dispatch(ConsumerRecords<byte[], byte[]> records) {
        synchronized (this) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                position.set(record.partition(), record.offset());
                for (List<Listener> forPath : listeners.values()) {
                    Listener first = forPath.getFirst();
                    String path = KafkaRecords.path(first.channel(), record);
                    if (first.path().equals(path)) {
                        StreamEvent event = KafkaRecords.event(first.apiId(), first.channel(), path, record);
                        forPath.forEach(listener -> listener.sink().accept(event));
                    }
                }
            }
        }
    }

    private void probe() {
        if (!assigned.isEmpty()) {
            consumer.endOffsets(assigned, timeout);
        }
        assignNewPartitions(false);
    }

    private void assignNewPartitions(boolean atEnd) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        List<TopicPartition> added = new ArrayList<>();
        for (PartitionInfo info : partitions == null ? List.<PartitionInfo>of() : partitions) {
            TopicPartition partition = new TopicPartition(topic, info.partition());
            if (!assigned.contains(partition)) {
                added.add(partition);
            }
        }
        if (added.isEmpty()) {
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        if (atEnd) {
            consumer.seekToEnd(added);
            synchronized (this) {
                for (TopicPartition partition : added) {
                    long next = consumer.position(partition, timeout);
                    if (next > 0) {
                        position.set(partition.partition(), next - 1);
                    }
                }
            }
        } else {
            consumer.seekToBeginning(added);
        }
    }

    private void fail(RuntimeException cause) {
        List<Listener> all = new ArrayList<>();
        synchronized (this) {
            stopped = true;
            listeners.values().forEach(all::addAll);
            listeners.clear();
        }
        onStopped.accept(this);
        log.warn("Reading Kafka topic {} failed; its streams on this node end: {}", topic, cause.getMessage());
        all.forEach(listener -> listener.sink().failed(cause));
    }

    /** Stops at once (the source is no longer served); its streams are ended by their fan-outs. */
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        consumer.wakeup();
    }
}
