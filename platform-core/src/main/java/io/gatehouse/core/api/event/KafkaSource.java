package io.gatehouse.core.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A Kafka cluster. {@code bootstrapServers}: {@code host:port}, comma-separated; {@code topics}: the
 * topic of each channel that does not use its address as topic, by channel name; {@code security}: how
 * to connect ({@link KafkaSecurity}), null for plain TCP without signing in. A password in it is shown as
 * {@link EventSource#REDACTED}, kept when a change sends that back for the same cluster and user, and
 * sealed where it is stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSource(String bootstrapServers, Map<String, String> topics, KafkaSecurity security) implements EventSource {

    public KafkaSource {
        topics = topics == null ? Map.of() : Map.copyOf(topics);
    }

    public KafkaSource(String bootstrapServers, Map<String, String> topics) {
        this(bootstrapServers, topics, null);
    }

    @Override
    public EventSourceKind kind() {
        return EventSourceKind.KAFKA;
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
        return new KafkaSource(bootstrapServers, names, security);
    }

    @Override
    public EventSource mappingSecrets(UnaryOperator<String> secret) {
        return security == null || security.password() == null ? this
                : new KafkaSource(bootstrapServers, topics, security.withPassword(secret.apply(security.password())));
    }

    @Override
    public String secretSetting() {
        return security == null || security.password() == null ? null : "security/password";
    }

    @Override
    public EventSource keepingSecretsOf(EventSource stored) {
        if (hiddenSecretSetting() == null || !(stored instanceof KafkaSource before) || before.security() == null
                || before.security().password() == null || !bootstrapServers.equals(before.bootstrapServers())
                || !security.sameAccountAs(before.security())) {
            return this;
        }
        return new KafkaSource(bootstrapServers, topics, security.withPassword(before.security().password()));
    }
}
