package io.gatehouse.gateway.route;

import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.api.operation.PathTemplate.Literal;
import io.gatehouse.core.api.operation.PathTemplate.Part;
import io.gatehouse.core.api.operation.PathTemplate.Segment;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the operation of one API that a request calls, from its method and its path below the API's
 * context. Built once per config snapshot into a tree of path segments; a match walks it once, with
 * no regular expression and no per-call compilation.
 *
 * <p>Rules: literal segments are preferred to templated ones ({@code /pets/mine} before
 * {@code /pets/{id}}, as OpenAPI says), then segments mixing text and parameters
 * ({@code {id}.json}), then whole-segment parameters; a branch that does not lead to an operation of
 * the request's method is backtracked. {@code HEAD} falls back to the {@code GET} operation of the
 * same path. The request path is normalized first, so that spellings an upstream would take for the
 * same path cannot dodge an operation's requirements: percent-encoding is decoded, empty segments
 * ({@code //}, a trailing slash) and {@code .} are dropped, {@code ..} removes the segment before it,
 * and {@code ;parameters} are cut from each segment. Matching is case-sensitive.
 */
public final class OperationMatcher {

    private static final Logger log = LoggerFactory.getLogger(OperationMatcher.class);
    private static final OperationMatcher NONE = new OperationMatcher(null);
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"};
    private static final int GET = 0;
    private static final int HEAD = 5;

    private final Node root;

    private OperationMatcher(Node root) {
        this.root = root;
    }

    /** The matcher of {@code operations}; an operation whose path is no valid template is left out (and logged). */
    public static OperationMatcher of(List<ServedOperation> operations) {
        if (operations == null || operations.isEmpty()) {
            return NONE;
        }
        Node root = new Node();
        for (ServedOperation operation : operations) {
            int method = methodIndex(operation.method());
            PathTemplate template;
            try {
                template = PathTemplate.parse(operation.path());
            } catch (IllegalArgumentException e) {
                log.warn("Operation {} has an unusable path template and is not matched: {}", operation.label(), e.getMessage());
                continue;
            }
            if (method < 0) {
                continue;
            }
            Node node = root;
            for (Segment segment : template.segments()) {
                node = node.child(segment);
            }
            if (node.operations[method] == null) {
                node.operations[method] = operation;
            }
        }
        return new OperationMatcher(root);
    }

    /** Whether the API declares no operation: every call then matches none. */
    public boolean isEmpty() {
        return root == null;
    }

    /**
     * The operation {@code method} on {@code path} calls, or null.
     *
     * @param path the raw path below the API's context: "" or starting with '/'
     */
    public ServedOperation match(String method, String path) {
        if (root == null) {
            return null;
        }
        int index = methodIndex(method);
        if (index < 0) {
            return null;
        }
        String[] segments = new String[count(path)];
        int count = normalize(path, segments);
        return find(root, segments, count, 0, index);
    }

    private static ServedOperation find(Node node, String[] segments, int count, int at, int method) {
        if (at == count) {
            ServedOperation operation = node.operations[method];
            return operation == null && method == HEAD ? node.operations[GET] : operation;
        }
        String segment = segments[at];
        Node literal = node.literals.get(segment);
        if (literal != null) {
            ServedOperation found = find(literal, segments, count, at + 1, method);
            if (found != null) {
                return found;
            }
        }
        for (Mixed mixed : node.mixed) {
            if (mixed.matches(segment)) {
                ServedOperation found = find(mixed.node, segments, count, at + 1, method);
                if (found != null) {
                    return found;
                }
            }
        }
        return node.parameter == null ? null : find(node.parameter, segments, count, at + 1, method);
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return -1;
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

    /** A node of the segment tree: its children by kind, and the operations ending here by method. */
    private static final class Node {

        private final Map<String, Node> literals = new HashMap<>();
        private final List<Mixed> mixedChildren = new ArrayList<>();
        private Mixed[] mixed = new Mixed[0];
        private Node parameter;
        private final ServedOperation[] operations = new ServedOperation[METHODS.length];

        Node child(Segment segment) {
            if (segment.isLiteral()) {
                return literals.computeIfAbsent(((Literal) segment.parts().getFirst()).text(), text -> new Node());
            }
            if (segment.isParameter()) {
                if (parameter == null) {
                    parameter = new Node();
                }
                return parameter;
            }
            String shape = Mixed.shape(segment.parts());
            for (Mixed existing : mixedChildren) {
                if (existing.shape.equals(shape)) {
                    return existing.node;
                }
            }
            Mixed added = new Mixed(segment.parts(), shape, new Node());
            mixedChildren.add(added);
            mixed = mixedChildren.toArray(Mixed[]::new);
            return added.node;
        }
    }

    /** A segment of text and parameters, such as {@code {id}.json} or {@code v{major}}. */
    private record Mixed(List<Part> parts, String shape, Node node) {

        static String shape(List<Part> parts) {
            StringBuilder shape = new StringBuilder();
            for (Part part : parts) {
                shape.append(part instanceof Literal literal ? literal.text() : "{}");
            }
            return shape.toString();
        }

        boolean matches(String segment) {
            return matches(0, segment, 0);
        }

        private boolean matches(int part, String segment, int at) {
            if (part == parts.size()) {
                return at == segment.length();
            }
            if (parts.get(part) instanceof Literal literal) {
                return segment.startsWith(literal.text(), at) && matches(part + 1, segment, at + literal.text().length());
            }
            if (part == parts.size() - 1) {
                return at < segment.length();
            }
            String next = ((Literal) parts.get(part + 1)).text();
            for (int end = segment.indexOf(next, at + 1); end >= 0; end = segment.indexOf(next, end + 1)) {
                if (matches(part + 1, segment, end)) {
                    return true;
                }
            }
            return false;
        }
    }
}
