package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.gateway.event.source.EventSourceProperties;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.OutageGate;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.source.WebhookSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;

/** What the gateway holds for one Kafka cluster: a producer, the topics this node reads, a history reader pool. */
final class KafkaCluster {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final KafkaAddress address;
    private final EventSourceProperties properties;
    private final Map<String, KafkaTopicFeed> topics = new HashMap<>();
    private final KafkaHistory history;
    private final OutageGate outage;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    KafkaCluster(KafkaAddress address, EventSourceProperties properties) {
        this.address = address;
        this.properties = properties;
        this.outage = new OutageGate(properties.outageHold());
        this.history = new KafkaHistory(() -> new KafkaConsumer<>(KafkaConfigs.reader(address, properties.timeout(),
                "gatehouse-history-" + CLIENTS.incrementAndGet())), properties.timeout());
    }

    KafkaAddress address() {
        return address;
    }

    synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new SourceUnavailableException("the Kafka cluster " + address.bootstrapServers() + " is no longer served");
        }
        if (producer == null) {
            try {
                producer = new KafkaProducer<>(KafkaConfigs.producer(address, properties.timeout()));
            } catch (KafkaException e) {
                throw new SourceUnavailableException("cannot make a Kafka producer for " + address.bootstrapServers() + ": "
                        + e.getMessage(), e);
            }
        }
        return producer;
    }

    OutageGate outage() {
        return outage;
    }

    KafkaHistory history() {
        return history;
    }

    Feed follow(UUID apiId, SourceChannel channel, String topic, String path, FeedSink sink) {
        while (true) {
            KafkaTopicFeed feed;
            synchronized (this) {
                if (closed) {
                    throw new SourceUnavailableException("the Kafka cluster " + address.bootstrapServers() + " is no longer served");
                }
                feed = topics.get(topic);
                if (feed == null) {
                    outage.check();
                    feed = new KafkaTopicFeed(topic, KafkaConfigs.reader(address, properties.timeout(),
                            "gatehouse-stream-" + CLIENTS.incrementAndGet()), properties.timeout(), properties.probeInterval(),
                            this::stopped);
                    try {
                        feed.start();
                    } catch (SourceUnavailableException e) {
                        outage.failed(e.getMessage());
                        throw e;
                    }
                    topics.put(topic, feed);
                }
            }
            Feed registered = feed.register(apiId, channel, path, sink);
            if (registered != null) {
                return registered;
            }
        }
    }

    private synchronized void stopped(KafkaTopicFeed feed) {
        topics.remove(feed.topic(), feed);
    }

    Feed followForWebhooks(UUID apiId, List<SourceChannel> channels, WebhookSink sink) {
        return new KafkaWebhookFeed(apiId, channels, () -> new KafkaConsumer<>(KafkaConfigs.group(address, properties.timeout(),
                KafkaWebhookFeed.groupId(apiId))), sink, properties.timeout());
    }

    void close() {
        List<KafkaTopicFeed> feeds;
        KafkaProducer<byte[], byte[]> closing;
        synchronized (this) {
            closed = true;
            feeds = List.copyOf(topics.values());
            topics.clear();
            closing = producer;
            producer = null;
        }
        feeds.forEach(KafkaTopicFeed::stop);
        if (closing != null) {
            closing.close(Duration.ofSeconds(1));
        }
        history.close();
    }
}
