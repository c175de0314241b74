package io.gatehouse.gateway.route;

import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.api.operation.PathTemplate.Parameter;
import io.gatehouse.core.api.operation.PathTemplate.Part;
import io.gatehouse.core.api.operation.PathTemplate.Segment;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the channel of an EVENT API that a request names, from its path below the API's context, and
 * the values of the channel's parameters:
 * {@code /smartylighting/streetlights/1/0/event/42/lighting/measured} names
 * {@code smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured} with
 * {@code streetlightId = 42}. Built once per config snapshot into a {@link TemplateTree}; the rules of
 * {@link OperationMatcher} apply (literal segments first, normalized request paths, case-sensitive).
 *
 * <p>A parameter value never contains '/', nor the wildcards of topic subscriptions ('+', '#', '*'),
 * nor control characters: the gateway puts the values into topics and routing keys, where they must
 * name one topic, not a pattern. A path whose values would is matched by no channel.
 */
public final class ChannelMatcher {

    private static final Logger log = LoggerFactory.getLogger(ChannelMatcher.class);
    private static final ChannelMatcher NONE = new ChannelMatcher(null);
    private static final TemplateTree.Pick<Compiled, Match> PICK = (compiled, segments, count) -> compiled.match(segments, count);

    private final TemplateTree<Compiled> tree;

    private ChannelMatcher(TemplateTree<Compiled> tree) {
        this.tree = tree;
    }

    /** A channel and the values of its parameters, by name, in the order of its path. */
    public record Match(ServedChannel channel, Map<String, String> parameters) {
    }

    /** The matcher of {@code channels}; a channel whose path is no valid template is left out (and logged), and of two with one path the first wins. */
    public static ChannelMatcher of(List<ServedChannel> channels) {
        if (channels == null || channels.isEmpty()) {
            return NONE;
        }
        TemplateTree<Compiled> tree = new TemplateTree<>();
        for (ServedChannel channel : channels) {
            PathTemplate template;
            try {
                template = PathTemplate.parse(channel.path());
            } catch (IllegalArgumentException e) {
                log.warn("Channel {} has an unusable path template and is not matched: {}", channel.name(), e.getMessage());
                continue;
            }
            TemplateTree.Node<Compiled> node = tree.node(template);
            if (node.value == null) {
                node.value = new Compiled(channel, template);
            }
        }
        return new ChannelMatcher(tree);
    }

    public boolean isEmpty() {
        return tree == null;
    }

    /**
     * The channel {@code path} names, with its parameter values, or null.
     *
     * @param path the raw path below the API's context: "" or starting with '/'
     */
    public Match match(String path) {
        return tree == null ? null : tree.find(path, PICK);
    }

    private record Compiled(ServedChannel channel, PathTemplate template) {

        Match match(String[] segments, int count) {
            Map<String, String> values = new LinkedHashMap<>();
            List<Segment> templateSegments = template.segments();
            for (int i = 0; i < count; i++) {
                Segment segment = templateSegments.get(i);
                if (segment.isParameter()) {
                    values.put(((Parameter) segment.parts().getFirst()).name(), segments[i]);
                } else if (!segment.isLiteral() && !TemplateTree.Mixed.matches(segment.parts(), segments[i], values)) {
                    return null;
                }
            }
            for (String value : values.values()) {
                if (!usable(value)) {
                    return null;
                }
            }
            return new Match(channel, orderedLike(values));
        }

        private Map<String, String> orderedLike(Map<String, String> values) {
            Map<String, String> ordered = new LinkedHashMap<>();
            for (Segment segment : template.segments()) {
                for (Part part : segment.parts()) {
                    if (part instanceof Parameter parameter && values.containsKey(parameter.name())) {
                        ordered.put(parameter.name(), values.get(parameter.name()));
                    }
                }
            }
            return Collections.unmodifiableMap(ordered);
        }

        private static boolean usable(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c == 0x7f || c == '/' || c == '+' || c == '#' || c == '*') {
                    return false;
                }
            }
            return !value.isEmpty();
        }
    }
}
