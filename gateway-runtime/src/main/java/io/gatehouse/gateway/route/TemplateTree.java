package io.gatehouse.gateway.route;

import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.api.operation.PathTemplate.Literal;
import io.gatehouse.core.api.operation.PathTemplate.Part;
import io.gatehouse.core.api.operation.PathTemplate.Segment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Path templates of one API as a tree of segments, each node holding a value (the operations or the
 * channel of a template), built once per config snapshot; a lookup walks it once, with no regular
 * expression. Literal segments are preferred to templated ones, then segments mixing text and
 * parameters ({@code {id}.json}), then whole-segment parameters; a branch whose value the caller does
 * not accept is backtracked. Request paths are normalized first (see {@link #normalize}).
 */
final class TemplateTree<V> {

    private final Node<V> root = new Node<>();

    /** The node of {@code template}, created if needed; its value is the caller's to set. */
    Node<V> node(PathTemplate template) {
        Node<V> node = root;
        for (Segment segment : template.segments()) {
            node = node.child(segment);
        }
        return node;
    }

    /** Accepts (with a result) or refuses (null) the value of a node a path leads to. */
    @FunctionalInterface
    interface Pick<V, R> {
        /** {@code segments[0..count)} are the normalized segments of the path. */
        R pick(V value, String[] segments, int count);
    }

    /**
     * The first result {@code pick} gives for the value of a node {@code path} leads to, in order of
     * preference; null when none. {@code path} is raw, below the API's context: "" or starting with '/'.
     * It is normalized first, so that spellings an upstream would take for the same path cannot dodge a
     * template: percent-encoding is decoded, empty segments ({@code //}, a trailing slash) and {@code .}
     * are dropped, {@code ..} removes the segment before it, and {@code ;parameters} are cut from each segment.
     */
    <R> R find(String path, Pick<V, R> pick) {
        String[] segments = new String[count(path)];
        int count = normalize(path, segments);
        return find(root, segments, count, 0, pick);
    }

    private static <V, R> R find(Node<V> node, String[] segments, int count, int at, Pick<V, R> pick) {
        if (at == count) {
            return node.value == null ? null : pick.pick(node.value, segments, count);
        }
        String segment = segments[at];
        Node<V> literal = node.literals.get(segment);
        if (literal != null) {
            R found = find(literal, segments, count, at + 1, pick);
            if (found != null) {
                return found;
            }
        }
        for (int i = 0; i < node.mixed.size(); i++) {
            Mixed<V> mixed = node.mixed.get(i);
            if (Mixed.matches(mixed.parts, segment, null)) {
                R found = find(mixed.node, segments, count, at + 1, pick);
                if (found != null) {
                    return found;
                }
            }
        }
        return node.parameter == null ? null : find(node.parameter, segments, count, at + 1, pick);
    }

    private static int count(String path) {
        int slashes = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                slashes++;
            }
        }
        return slashes;
    }

    /** Fills {@code segments} with the normalized segments of {@code path}; returns how many. */
    static int normalize(String path, String[] segments) {
        int count = 0;
        int start = 0;
        int length = path.length();
        while (start <= length) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            int cut = path.indexOf(';', start);
            int stop = cut >= 0 && cut < end ? cut : end;
            if (stop > start) {
                String segment = path.substring(start, stop);
                if (segment.indexOf('%') >= 0) {
                    segment = decode(segment);
                }
                if (segment.equals("..")) {
                    count = Math.max(0, count - 1);
                } else if (!segment.isEmpty() && !segment.equals(".")) {
                    segments[count++] = segment;
                }
            }
            start = end + 1;
        }
        return count;
    }

    private static String decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0 && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** A node of the tree: its children by kind, and its value (null: no template ends here). */
    static final class Node<V> {

        private final Map<String, Node<V>> literals = new HashMap<>();
        private final List<Mixed<V>> mixedChildren = new ArrayList<>();
        private List<Mixed<V>> mixed = List.of();
        private Node<V> parameter;
        V value;

        Node<V> child(Segment segment) {
            if (segment.isLiteral()) {
                return literals.computeIfAbsent(((Literal) segment.parts().getFirst()).text(), text -> new Node<>());
            }
            if (segment.isParameter()) {
                if (parameter == null) {
                    parameter = new Node<>();
                }
                return parameter;
            }
            String shape = Mixed.shape(segment.parts());
            for (Mixed<V> existing : mixedChildren) {
                if (existing.shape.equals(shape)) {
                    return existing.node;
                }
            }
            Mixed<V> added = new Mixed<>(segment.parts(), shape, new Node<>());
            mixedChildren.add(added);
            mixed = List.copyOf(mixedChildren);
            return added.node;
        }
    }

    /** A segment of text and parameters, such as {@code {id}.json} or {@code v{major}}. */
    record Mixed<V>(List<Part> parts, String shape, Node<V> node) {

        static String shape(List<Part> parts) {
            StringBuilder shape = new StringBuilder();
            for (Part part : parts) {
                shape.append(part instanceof Literal literal ? literal.text() : "{}");
            }
            return shape.toString();
        }

        /** Whether {@code segment} matches {@code parts}; when {@code values} is given, the parameters' values are put there. */
        static boolean matches(List<Part> parts, String segment, Map<String, String> values) {
            return matches(parts, 0, segment, 0, values);
        }

        private static boolean matches(List<Part> parts, int part, String segment, int at, Map<String, String> values) {
            if (part == parts.size()) {
                return at == segment.length();
            }
            if (parts.get(part) instanceof Literal literal) {
                return segment.startsWith(literal.text(), at) && matches(parts, part + 1, segment, at + literal.text().length(), values);
            }
            String name = ((PathTemplate.Parameter) parts.get(part)).name();
            if (part == parts.size() - 1) {
                if (at < segment.length() && values != null) {
                    values.put(name, segment.substring(at));
                }
                return at < segment.length();
            }
            String next = ((Literal) parts.get(part + 1)).text();
            for (int end = segment.indexOf(next, at + 1); end >= 0; end = segment.indexOf(next, end + 1)) {
                if (matches(parts, part + 1, segment, end, values)) {
                    if (values != null) {
                        values.put(name, segment.substring(at, end));
                    }
                    return true;
                }
            }
            return false;
        }
    }
}
