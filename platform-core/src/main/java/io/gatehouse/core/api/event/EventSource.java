package io.gatehouse.core.api.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one event source of an EVENT API: its {@link EventSourceKind kind} and the kind's own settings,
 * written as {@code {"kind": "KAFKA", "bootstrapServers": …}} on the wire and in the database.
 * Checked by {@link EventSourceReader}; immutable.
 *
 * <p>Sources that carry one name per channel (a Kafka or MQTT topic, a RabbitMQ routing key) map
 * channel names to those names in {@link #channelNames()}; a channel not in the map uses its address.
 * Channel parameters stay in the name ({@code lights.{id}}): the gateway puts the values in.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BuiltinSource.class, name = "BUILTIN"),
        @JsonSubTypes.Type(value = KafkaSource.class, name = "KAFKA"),
        @JsonSubTypes.Type(value = RabbitMqSource.class, name = "RABBITMQ"),
        @JsonSubTypes.Type(value = MqttSource.class, name = "MQTT")})
public sealed interface EventSource permits BuiltinSource, KafkaSource, RabbitMqSource, MqttSource {

    /** The built-in broker with its default retention: what an EVENT API has unless told otherwise. */
    EventSource DEFAULT = new BuiltinSource(null);

    EventSourceKind kind();

    /** Channel name to the channel's name at the source; empty for sources without per-channel names. */
    default Map<String, String> channelNames() {
        return Map.of();
    }

    /** The setting that holds {@link #channelNames()} ({@code topics}, {@code routingKeys}), or null. */
    default String channelNamesSetting() {
        return null;
    }

    /** This source with {@code names} as its per-channel names. */
    default EventSource withChannelNames(Map<String, String> names) {
        return this;
    }

    /**
     * This source with each secret it carries (a password in a broker URI, as written there) replaced by
     * what {@code secret} makes of it: hidden, sealed for storage, opened again. Sources without secrets
     * return themselves.
     */
    default EventSource mappingSecrets(UnaryOperator<String> secret) {
        return this;
    }

    /** This source as the management API shows it: its secrets replaced by {@link #REDACTED}. */
    default EventSource redacted() {
        return mappingSecrets(secret -> REDACTED);
    }

    /** The setting that holds a secret, or null when none does. */
    default String secretSetting() {
        return null;
    }

    /** The secrets this source carries, as written in it (sealed, hidden or plain). */
    default List<String> secrets() {
        List<String> secrets = new ArrayList<>(1);
        mappingSecrets(secret -> {
            secrets.add(secret);
            return secret;
        });
        return secrets;
    }

    /**
     * This source as given in a change, with every secret that still reads {@link #REDACTED} taken from
     * {@code stored} when that names the same account on the same broker: a client may send back what it
     * read without knowing the secret. Sources without secrets return themselves.
     */
    default EventSource keepingSecretsOf(EventSource stored) {
        return this;
    }

    /** The setting that still holds a secret as {@link #REDACTED}, or null when none does. */
    default String hiddenSecretSetting() {
        return secrets().contains(REDACTED) ? secretSetting() : null;
    }

    /** What stands for a secret in the management API's answers. */
    String REDACTED = "****";

    /** The name of a channel at the source: its entry in {@link #channelNames()}, else its address. */
    default String nameAtSource(String channelName, String address) {
        return channelNames().getOrDefault(channelName, address);
    }

    /** This source after a channel was renamed ({@code to} non-null) or removed ({@code to} null). */
    default EventSource channelRenamed(String from, String to) {
        if (!channelNames().containsKey(from) || from.equals(to)) {
            return this;
        }
        Map<String, String> names = new HashMap<>(channelNames());
        String name = names.remove(from);
        if (to != null) {
            names.put(to, name);
        }
        return withChannelNames(names);
    }
}
