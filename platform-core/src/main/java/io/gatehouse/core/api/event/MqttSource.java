package io.gatehouse.core.api.event;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An MQTT broker. {@code serverUri}: {@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://};
 * {@code qos}: the quality of service of subscriptions and publications (0, 1 or 2; {@value #DEFAULT_QOS}
 * when not given); {@code topics}: the topic of each channel that does not use its address as topic,
 * by channel name. The broker's credentials, when it asks for them, go in {@code serverUri}'s user
 * information ({@code ssl://user:password@broker:8883}); the password is shown as {@link EventSource#REDACTED}.
 */
public record MqttSource(String serverUri, Integer qos, Map<String, String> topics) implements EventSource {

    public static final int DEFAULT_QOS = 1;

    public MqttSource {
        qos = qos == null ? DEFAULT_QOS : qos;
        topics = topics == null ? Map.of() : Map.copyOf(topics);
    }

    @Override
    public EventSource mappingSecrets(UnaryOperator<String> secret) {
        return new MqttSource(BrokerUri.mappingPassword(serverUri, secret), qos, topics);
    }

    @Override
    public String secretSetting() {
        return BrokerUri.holdsPassword(serverUri) ? "serverUri" : null;
    }

    @Override
    public EventSource keepingSecretsOf(EventSource stored) {
        return stored instanceof MqttSource before
                ? new MqttSource(BrokerUri.keepingPasswordOf(serverUri, before.serverUri()), qos, topics) : this;
    }


    @Override
    public EventSourceKind kind() {
        return EventSourceKind.MQTT;
    }

    @Override
    public Map<String, String> channelNames() {
        return topics;
    }

    @Override
    public String channelNamesSetting() {
        return "topics";
    }

    @Override
    public EventSource withChannelNames(Map<String, String> names) {
        return new MqttSource(serverUri, qos, names);
    }
}
