package io.gatehouse.gateway.event.source;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How one channel maps onto its source's names. When the name at the source holds all of the
 * channel's parameters ({@code lights.{lightId}.measured}), each concrete name is one channel path and
 * the values are read back from it. Otherwise (one fixed topic for a parameterised channel) the events
 * carry their concrete path in a {@value #PATH_HEADER} header (Kafka header, AMQP header, MQTT 5 user
 * property); events without it reach webhooks but no stream of a concrete path.
 */
public record SourceChannel(ServedChannel channel, NameTemplate name, NameTemplate path) {

    /** The header that carries an event's concrete channel path. */
    public static final String PATH_HEADER = "gatehouse-path";
    /** The header that carries the id the gateway gave an event it published. */
    public static final String ID_HEADER = "gatehouse-id";
    /** The header that carries the content type of an event (where the source has no field for it). */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    /** The channel at its source, its name at the source passed through {@code adapt} (a source's naming rules). */
    public static SourceChannel of(ServedChannel channel, UnaryOperator<String> adapt) {
        return new SourceChannel(channel, NameTemplate.of(adapt.apply(channel.nameAtSource())), NameTemplate.of(channel.path()));
    }

    /** Whether each concrete name at the source stands for one channel path. */
    public boolean namesCarryPath() {
        return name.carries(path.parameters());
    }

    /** The concrete name at the source for a path's parameter values. */
    public String nameFor(Map<String, String> parameters, UnaryOperator<String> escape) {
        return name.fill(parameters, escape);
    }

    /**
     * The concrete channel path of an event received under {@code concreteName}, carrying
     * {@code headerPath} (null when it has none); null when the event is not of this channel or names
     * no single path.
     */
    public String pathOf(String concreteName, String headerPath) {
        if (namesCarryPath()) {
            Map<String, String> values = name.match(concreteName);
            if (values == null || !values.values().stream().allMatch(SourceChannel::usable)) {
                return null;
            }
            return path.fill(values);
        }
        if (name.match(concreteName) == null) {
            return null;
        }
        if (path.parameters().isEmpty()) {
            return path.text();
        }
        if (headerPath == null) {
            return null;
        }
        Map<String, String> values = path.match(headerPath);
        return values != null && values.values().stream().allMatch(SourceChannel::usable) ? headerPath : null;
    }

    /** Whether the event is of this channel at all (for webhooks): its name is one of the channel's. */
    public boolean owns(String concreteName, String headerPath) {
        return namesCarryPath() || path.parameters().isEmpty() ? pathOf(concreteName, headerPath) != null
                : name.match(concreteName) != null;
    }

    /** The rule of channel paths: a value is not empty and has no '/', wildcard or control character. */
    static boolean usable(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '+' || c == '#' || c == '*') {
                return false;
            }
        }
        return true;
    }
}
