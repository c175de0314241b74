package io.gatehouse.gateway.event.source.rabbitmq;

import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.api.event.RabbitMqSource;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.source.EventSourceConnector;
import io.gatehouse.gateway.event.source.EventSourceProperties;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.LiveSequence;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.WebhookSink;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * RabbitMQ sources (AMQP 0-9-1). Events go to the source's exchange (a durable topic exchange, declared
 * when missing) with the channel's routing key, parameters filled in; the gateway's messages are
 * persistent, carry a message id (the id the publisher gets back) and the channel path in the
 * {@value SourceChannel#PATH_HEADER} header, and are confirmed by the broker before the 202. Each node
 * reads a channel path through its own exclusive queue ({@link RabbitFeed}); webhooks are consumed once
 * across the cluster from a shared durable queue ({@link RabbitWebhookFeed}). RabbitMQ keeps no
 * history for a consumer that was away: {@code Last-Event-ID} cannot resume, ids are only unique.
 */
@Component
public class RabbitMqConnector implements EventSourceConnector, DisposableBean {

    private final EventSourceProperties properties;
    private final Map<String, RabbitBroker> brokers = new HashMap<>();

    public RabbitMqConnector(EventSourceProperties properties) {
        this.properties = properties;
    }

    @Override
    public EventSourceKind kind() {
        return EventSourceKind.RABBITMQ;
    }

    private static RabbitMqSource source(ServedApi api) {
        if (!(api.source() instanceof RabbitMqSource rabbit)) {
            throw new IllegalArgumentException("API " + api.name() + " has no RabbitMQ source");
        }
        return rabbit;
    }

    private RabbitBroker broker(RabbitMqSource source) {
        synchronized (brokers) {
            return brokers.computeIfAbsent(source.uri(), uri -> new RabbitBroker(uri, properties.timeout(), properties.outageHold()));
        }
    }

    @Override
    public StreamEvent publish(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, String contentType,
                               byte[] payload) {
        RabbitMqSource source = source(api);
        SourceChannel at = SourceChannel.of(channel, UnaryOperator.identity());
        String id = UUID.randomUUID().toString();
        broker(source).publish(source.exchange(), at.nameFor(parameters, UnaryOperator.identity()),
                RabbitMessages.properties(id, path, contentType), payload);
        return new StreamEvent(id, 0, LiveSequence.next(), api.id(), channel.name(), path, contentType, payload, Instant.now());
    }

    @Override
    public Feed follow(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, FeedSink sink) {
        RabbitMqSource source = source(api);
        SourceChannel at = SourceChannel.of(channel, UnaryOperator.identity());
        return new RabbitFeed(broker(source), source.exchange(), at.nameFor(parameters, UnaryOperator.identity()), api.id(), at, path,
                sink);
    }

    @Override
    public Feed followForWebhooks(ServedApi api, List<ServedChannel> channels, WebhookSink sink) {
        RabbitMqSource source = source(api);
        return new RabbitWebhookFeed(source.uri(), source.exchange(), api.id(),
                channels.stream().map(channel -> SourceChannel.of(channel, UnaryOperator.identity())).toList(), sink,
                properties.timeout());
    }

    @Override
    public void retain(Collection<ServedApi> served) {
        Set<String> used = served.stream().filter(api -> api.source() instanceof RabbitMqSource)
                .map(api -> ((RabbitMqSource) api.source()).uri()).collect(Collectors.toSet());
        List<RabbitBroker> unused;
        synchronized (brokers) {
            unused = brokers.values().stream().filter(broker -> !used.contains(broker.uri())).toList();
            unused.forEach(broker -> brokers.remove(broker.uri()));
        }
        if (!unused.isEmpty()) {
            Thread.ofVirtual().name("rabbitmq-close").start(() -> unused.forEach(RabbitBroker::close));
        }
    }

    @Override
    public void destroy() {
        List<RabbitBroker> all;
        synchronized (brokers) {
            all = List.copyOf(brokers.values());
            brokers.clear();
        }
        all.forEach(RabbitBroker::close);
    }
}
