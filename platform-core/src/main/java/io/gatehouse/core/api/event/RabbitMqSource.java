package io.gatehouse.core.api.event;

import java.util.Map;

/**
 * A RabbitMQ exchange. {@code uri}: the broker, {@code amqp://} or {@code amqps://}; {@code exchange}:
 * the exchange events are published to and consumed from; {@code routingKeys}: the routing key of each
 * channel that does not use its address as routing key, by channel name. A password in {@code uri} is
 * shown as {@link EventSource#REDACTED} and kept when a change sends that back ({@link #redacted()}).
 */
public record RabbitMqSource(String uri, String exchange, Map<String, String> routingKeys) implements EventSource {

    public RabbitMqSource {
        routingKeys = routingKeys == null ? Map.of() : Map.copyOf(routingKeys);
    }

    @Override
    public EventSource redacted() {
        BrokerUri parsed = BrokerUri.parse(uri);
        return parsed == null || parsed.password() == null ? this
                : new RabbitMqSource(parsed.withPassword(REDACTED), exchange, routingKeys);
    }

    @Override
    public EventSource keepingSecretsOf(EventSource stored) {
        BrokerUri given = BrokerUri.parse(uri);
        if (given == null || !REDACTED.equals(given.password()) || !(stored instanceof RabbitMqSource before)) {
            return this;
        }
        BrokerUri kept = BrokerUri.parse(before.uri());
        return kept == null || kept.password() == null || !kept.sameAccountAs(given) ? this
                : new RabbitMqSource(given.withPassword(kept.password()), exchange, routingKeys);
    }

    @Override
    public String hiddenSecretSetting() {
        BrokerUri parsed = BrokerUri.parse(uri);
        return parsed != null && REDACTED.equals(parsed.password()) ? "uri" : null;
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
