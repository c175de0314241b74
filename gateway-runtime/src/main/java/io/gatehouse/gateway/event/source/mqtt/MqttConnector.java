package io.gatehouse.gateway.event.source.mqtt;

import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.api.event.MqttSource;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.source.EventSourceConnector;
import io.gatehouse.gateway.event.source.EventSourceProperties;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.LiveSequence;
import io.gatehouse.gateway.event.source.OutageGate;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.source.WebhookSink;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * MQTT sources (MQTT 5, Paho). A channel is a topic, its parameters filled into the topic's levels;
 * the gateway publishes at the source's QoS (1 by default: acknowledged by the broker before the 202)
 * with the id, content type and channel path as MQTT 5 properties. Each node subscribes to a channel
 * path once for its streams ({@link MqttFeed}); webhooks are consumed once across the cluster through
 * a shared subscription ({@link MqttWebhookFeed}). MQTT keeps no history for a subscriber that was away:
 * {@code Last-Event-ID} cannot resume, ids are only unique.
 */
@Component
public class MqttConnector implements EventSourceConnector, DisposableBean {

    private final EventSourceProperties properties;
    private final Map<String, MqttAsyncClient> publishers = new HashMap<>();
    private final Map<String, OutageGate> outages = new ConcurrentHashMap<>();

    public MqttConnector(EventSourceProperties properties) {
        this.properties = properties;
    }

    @Override
    public EventSourceKind kind() {
        return EventSourceKind.MQTT;
    }

    private static MqttSource source(ServedApi api) {
        if (!(api.source() instanceof MqttSource mqtt)) {
            throw new IllegalArgumentException("API " + api.name() + " has no MQTT source");
        }
        return mqtt;
    }

    private MqttAsyncClient publisher(String serverUri) {
        synchronized (publishers) {
            MqttAsyncClient client = publishers.get(serverUri);
            if (client == null || !client.isConnected()) {
                if (client != null) {
                    MqttClients.close(client);
                }
                client = guarded(serverUri, () -> MqttClients.connect(serverUri, MqttClients.clientId("publish"), properties.timeout(),
                        MqttClients.QUIET, Duration.ZERO));
                publishers.put(serverUri, client);
            }
            return client;
        }
    }

    @Override
    public StreamEvent publish(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, String contentType,
                               byte[] payload) {
        MqttSource source = source(api);
        String topic = SourceChannel.of(channel, UnaryOperator.identity()).nameFor(parameters, UnaryOperator.identity());
        String id = UUID.randomUUID().toString();
        try {
            publisher(source.serverUri()).publish(topic, MqttClients.message(id, path, contentType, payload, source.qos()))
                    .waitForCompletion(properties.timeout().toMillis());
        } catch (MqttException e) {
            throw new SourceUnavailableException("the MQTT broker did not take the message for " + topic + ": " + e.getMessage(), e);
        }
        return new StreamEvent(id, 0, LiveSequence.next(), api.id(), channel.name(), path, contentType, payload, Instant.now());
    }

    @Override
    public Feed follow(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, FeedSink sink) {
        MqttSource source = source(api);
        SourceChannel at = SourceChannel.of(channel, UnaryOperator.identity());
        return guarded(source.serverUri(), () -> new MqttFeed(source.serverUri(), at.nameFor(parameters, UnaryOperator.identity()),
                source.qos(), properties.timeout(), api.id(), at, path, sink));
    }

    private <T> T guarded(String serverUri, Supplier<T> connect) {
        OutageGate outage = outages.computeIfAbsent(serverUri, uri -> new OutageGate(properties.outageHold()));
        outage.check();
        try {
            return connect.get();
        } catch (SourceUnavailableException e) {
            outage.failed(e.getMessage());
            throw e;
        }
    }

    @Override
    public Feed followForWebhooks(ServedApi api, List<ServedChannel> channels, WebhookSink sink) {
        MqttSource source = source(api);
        return new MqttWebhookFeed(source.serverUri(), source.qos(), api.id(),
                channels.stream().map(channel -> SourceChannel.of(channel, UnaryOperator.identity())).toList(), sink,
                properties.timeout());
    }

    @Override
    public void retain(Collection<ServedApi> served) {
        Set<String> used = served.stream().filter(api -> api.source() instanceof MqttSource)
                .map(api -> ((MqttSource) api.source()).serverUri()).collect(Collectors.toSet());
        List<MqttAsyncClient> unused;
        synchronized (publishers) {
            unused = publishers.entrySet().stream().filter(entry -> !used.contains(entry.getKey())).map(Map.Entry::getValue).toList();
            publishers.keySet().retainAll(used);
            outages.keySet().retainAll(used);
        }
        if (!unused.isEmpty()) {
            Thread.ofVirtual().name("mqtt-close").start(() -> unused.forEach(MqttClients::close));
        }
    }

    @Override
    public void destroy() {
        List<MqttAsyncClient> all;
        synchronized (publishers) {
            all = List.copyOf(publishers.values());
            publishers.clear();
        }
        all.forEach(MqttClients::close);
    }
}
