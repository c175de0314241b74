package io.gatehouse.gateway.event.source.mqtt;

import io.gatehouse.core.api.event.BrokerUri;
import io.gatehouse.gateway.event.source.LiveSequence;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** Paho MQTT 5 clients as the gateway opens them, and MQTT messages as gateway events. */
final class MqttClients {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private MqttClients() {
    }

    /** A connected client; clean start unless {@code sessionExpiry} is positive (then the broker keeps its session that long). */
    static MqttAsyncClient connect(String serverUri, String clientId, Duration timeout, MqttCallback callback, Duration sessionExpiry) {
        // credentials in the URI's user information go in CONNECT; the address alone goes to the client and messages
        BrokerUri broker = BrokerUri.parse(serverUri);
        String address = broker == null ? serverUri : broker.address();
        try {
            MqttAsyncClient client = new MqttAsyncClient(address, clientId, new MemoryPersistence());
            client.setCallback(callback);
            MqttConnectionOptions options = new MqttConnectionOptions();
            if (broker != null && broker.user() != null) {
                options.setUserName(broker.decodedUser());
                if (broker.password() != null) {
                    options.setPassword(broker.decodedPassword().getBytes(StandardCharsets.UTF_8));
                }
            }
            options.setCleanStart(sessionExpiry.isZero());
            if (!sessionExpiry.isZero()) {
                options.setSessionExpiryInterval(sessionExpiry.toSeconds());
            }
            options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            options.setKeepAliveInterval(10);
            options.setAutomaticReconnect(false);
            try {
                client.connect(options).waitForCompletion(timeout.toMillis());
            } catch (MqttException e) {
                client.close(true);
                throw e;
            }
            return client;
        } catch (MqttException e) {
            throw new SourceUnavailableException("the MQTT broker " + address + " does not answer: " + e.getMessage(), e);
        }
    }

    static String clientId(String purpose) {
        return "gatehouse-" + purpose + "-" + ProcessHandle.current().pid() + "-" + CLIENTS.incrementAndGet();
    }

    static void close(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(1_000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // closed
        }
    }

    static MqttMessage message(String id, String path, String contentType, byte[] payload, int qos) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        MqttProperties properties = new MqttProperties();
        properties.setContentType(contentType);
        properties.setUserProperties(List.of(new UserProperty(SourceChannel.PATH_HEADER, path), new UserProperty(SourceChannel.ID_HEADER, id)));
        message.setProperties(properties);
        return message;
    }

    static String userProperty(MqttMessage message, String name) {
        MqttProperties properties = message.getProperties();
        if (properties == null || properties.getUserProperties() == null) {
            return null;
        }
        for (UserProperty property : properties.getUserProperties()) {
            if (name.equals(property.getKey())) {
                return property.getValue();
            }
        }
        return null;
    }

    static String contentType(MqttMessage message) {
        String type = message.getProperties() == null ? null : message.getProperties().getContentType();
        return type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type;
    }

    static StreamEvent event(UUID apiId, SourceChannel channel, String path, MqttMessage message) {
        long seq = LiveSequence.next();
        String id = userProperty(message, SourceChannel.ID_HEADER);
        return new StreamEvent(id == null || id.isBlank() ? Long.toString(seq) : id, 0, seq, apiId, channel.channel().name(), path,
                contentType(message), message.getPayload(), Instant.now());
    }

    static String webhookEventId(MqttMessage message) {
        String id = userProperty(message, SourceChannel.ID_HEADER);
        return id != null && !id.isBlank() && id.length() <= 190 ? "mqtt:" + id : "mqtt:" + UUID.randomUUID();
    }

    /** A callback that does nothing: for a client that receives nothing, whose lost connection is noticed at its next use. */
    static final MqttCallback QUIET = new QuietCallback() { };
}
