package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.api.event.KafkaSource;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.source.EventSourceConnector;
import io.gatehouse.gateway.event.source.EventSourceProperties;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.source.WebhookSink;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Kafka sources. A channel is a topic ({@link KafkaNames}); a parameterised channel whose topic holds
 * its parameters is one topic per value, else one topic whose records carry their path in the
 * {@value SourceChannel#PATH_HEADER} header. Records the gateway produces are keyed by their channel
 * path (a path's records stay in one partition, in order) and carry the path and content type as
 * headers. Each node reads a topic once for all its streams ({@link KafkaTopicFeed}), resumes streams
 * from Kafka's log ({@link KafkaHistory}), and joins the API's group for webhooks ({@link KafkaWebhookFeed}).
 * Clients are made per cluster and security settings ({@link KafkaAddress}) on first use and closed when no
 * served API names them.
 */
@Component
public class KafkaConnector implements EventSourceConnector, DisposableBean {

    private final EventSourceProperties properties;
    private final Map<KafkaAddress, KafkaCluster> clusters = new HashMap<>();

    public KafkaConnector(EventSourceProperties properties) {
        this.properties = properties;
    }

    @Override
    public EventSourceKind kind() {
        return EventSourceKind.KAFKA;
    }

    private KafkaCluster cluster(ServedApi api) {
        if (!(api.source() instanceof KafkaSource kafka)) {
            throw new IllegalArgumentException("API " + api.name() + " has no Kafka source");
        }
        synchronized (clusters) {
            return clusters.computeIfAbsent(KafkaAddress.of(kafka), address -> new KafkaCluster(address, properties));
        }
    }

    @Override
    public StreamEvent publish(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, String contentType,
                               byte[] payload) {
        SourceChannel at = KafkaNames.channel(channel);
        String topic = at.nameFor(parameters, KafkaNames::value);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, path.getBytes(StandardCharsets.UTF_8), payload,
                List.of(new RecordHeader(SourceChannel.PATH_HEADER, path.getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader(SourceChannel.CONTENT_TYPE_HEADER, contentType.getBytes(StandardCharsets.UTF_8))));
        KafkaCluster cluster = cluster(api);
        cluster.outage().check();
        try {
            RecordMetadata sent = cluster.producer().send(record).get(properties.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            return new StreamEvent(KafkaNames.eventId(sent.partition(), sent.offset()), sent.partition(), sent.offset(), api.id(),
                    channel.name(), path, contentType, payload, Instant.ofEpochMilli(sent.timestamp()));
        } catch (ExecutionException e) {
            throw unavailable(cluster, "Kafka did not take the record for topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw unavailable(cluster, "Kafka did not take the record for topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while publishing to Kafka", e);
        }
    }

    private static SourceUnavailableException unavailable(KafkaCluster cluster, String message, Throwable cause) {
        if (cause instanceof RetriableException || cause instanceof TimeoutException) {
            cluster.outage().failed(message);
        }
        return new SourceUnavailableException(message, cause);
    }

    @Override
    public Feed follow(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, FeedSink sink) {
        SourceChannel at = KafkaNames.channel(channel);
        return cluster(api).follow(api.id(), at, at.nameFor(parameters, KafkaNames::value), path, sink);
    }

    @Override
    public boolean keepsHistory() {
        return true;
    }

    @Override
    public List<StreamEvent> after(ServedApi api, ServedChannel channel, String path, StreamPosition from, int limit) {
        SourceChannel at = KafkaNames.channel(channel);
        Map<String, String> parameters = at.path().match(path);
        String topic = at.nameFor(parameters == null ? Map.of() : parameters, KafkaNames::value);
        return cluster(api).history().after(api.id(), at, topic, path, from, limit);
    }

    @Override
    public Feed followForWebhooks(ServedApi api, List<ServedChannel> channels, WebhookSink sink) {
        List<SourceChannel> at = channels.stream().map(KafkaNames::channel).toList();
        return cluster(api).followForWebhooks(api.id(), at, sink);
    }

    @Override
    public void retain(Collection<ServedApi> served) {
        Set<KafkaAddress> used = served.stream().filter(api -> api.source() instanceof KafkaSource)
                .map(api -> KafkaAddress.of((KafkaSource) api.source())).collect(Collectors.toSet());
        List<KafkaCluster> unused;
        synchronized (clusters) {
            unused = clusters.entrySet().stream().filter(entry -> !used.contains(entry.getKey())).map(Map.Entry::getValue).toList();
            unused.forEach(cluster -> clusters.remove(cluster.address()));
        }
        if (!unused.isEmpty()) {
            Thread.ofVirtual().name("kafka-close").start(() -> unused.forEach(KafkaCluster::close));
        }
    }

    @Override
    public void destroy() {
        List<KafkaCluster> all;
        synchronized (clusters) {
            all = List.copyOf(clusters.values());
            clusters.clear();
        }
        all.forEach(KafkaCluster::close);
    }
}
