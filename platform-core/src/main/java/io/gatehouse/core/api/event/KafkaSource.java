package io.gatehouse.core.api.event;

import java.util.Map;

/**
 * A Kafka cluster. {@code bootstrapServers}: {@code host:port}, comma-separated; {@code topics}: the
 * topic of each channel that does not use its address as topic, by channel name.
 */
public record KafkaSource(String bootstrapServers, Map<String, String> topics) implements EventSource {

    public KafkaSource {
        topics = topics == null ? Map.of() : Map.copyOf(topics);
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
        return new KafkaSource(bootstrapServers, names);
    }
}
