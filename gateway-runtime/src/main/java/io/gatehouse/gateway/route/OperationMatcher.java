package io.gatehouse.gateway.route;

import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the operation of one API that a request calls, from its method and its path below the API's
 * context. Built once per config snapshot into a {@link TemplateTree}; a match walks it once, with
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
    /** One pick per method, made once: the operation of that method at a node, HEAD falling back to GET. */
    private static final List<TemplateTree.Pick<ServedOperation[], ServedOperation>> PICKS = IntStream
            .range(0, METHODS.length).<TemplateTree.Pick<ServedOperation[], ServedOperation>>mapToObj(index -> (operations, segments, count) -> {
                ServedOperation operation = operations[index];
                return operation == null && index == HEAD ? operations[GET] : operation;
            }).toList();

    private final TemplateTree<ServedOperation[]> tree;

    private OperationMatcher(TemplateTree<ServedOperation[]> tree) {
        this.tree = tree;
    }

    /** The matcher of {@code operations}; an operation whose path is no valid template is left out (and logged). */
    public static OperationMatcher of(List<ServedOperation> operations) {
        if (operations == null || operations.isEmpty()) {
            return NONE;
        }
        TemplateTree<ServedOperation[]> tree = new TemplateTree<>();
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
            TemplateTree.Node<ServedOperation[]> node = tree.node(template);
            if (node.value == null) {
                node.value = new ServedOperation[METHODS.length];
            }
            if (node.value[method] == null) {
                node.value[method] = operation;
            }
        }
        return new OperationMatcher(tree);
    }

    /** Whether the API declares no operation: every call then matches none. */
    public boolean isEmpty() {
        return tree == null;
    }

    /**
     * The operation {@code method} on {@code path} calls, or null.
     *
     * @param path the raw path below the API's context: "" or starting with '/'
     */
    public ServedOperation match(String method, String path) {
        if (tree == null) {
            return null;
        }
        int index = methodIndex(method);
        if (index < 0) {
            return null;
        }
        return tree.find(path, PICKS.get(index));
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return -1;
    }
}
