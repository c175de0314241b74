package io.gatehouse.core.api.event;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A RabbitMQ exchange. {@code uri}: the broker, {@code amqp://} or {@code amqps://}; {@code exchange}:
 * the exchange events are published to and consumed from; {@code routingKeys}: the routing key of each
 * channel that does not use its address as routing key, by channel name. A password in {@code uri} is
 * shown as {@link EventSource#REDACTED}, kept when a change sends that back ({@link #redacted()}), and
 * sealed where it is stored.
 */
public record RabbitMqSource(String uri, String exchange, Map<String, String> routingKeys) implements EventSource {

    public RabbitMqSource {
        routingKeys = routingKeys == null ? Map.of() : Map.copyOf(routingKeys);
    }

    @Override
    public EventSource mappingSecrets(UnaryOperator<String> secret) {
        return new RabbitMqSource(BrokerUri.mappingPassword(uri, secret), exchange, routingKeys);
    }

    @Override
    public String secretSetting() {
        return BrokerUri.holdsPassword(uri) ? "uri" : null;
    }

    @Override
    public EventSource keepingSecretsOf(EventSource stored) {
        return stored instanceof RabbitMqSource before
                ? new RabbitMqSource(BrokerUri.keepingPasswordOf(uri, before.uri()), exchange, routingKeys) : this;
    }


    @Override
    public EventSourceKind kind() {
        return EventSourceKind.RABBITMQ;
    }

    @Override
    public Map<String, String> channelNames() {
        return routingKeys;
    }

    @Override
    public String channelNamesSetting() {
        return "routingKeys";
    }

    @Override
    public EventSource withChannelNames(Map<String, String> names) {
        return new RabbitMqSource(uri, exchange, names);
    }
}
