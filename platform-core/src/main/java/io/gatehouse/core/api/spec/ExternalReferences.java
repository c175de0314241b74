package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.error.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Finds {@code $ref}s that point outside the document (another file, a URL). Gatehouse never fetches
 * them: a fetch could hang, reach into private networks, or change after the import. Values that are
 * data rather than description ({@code example}, {@code default}, {@code enum}, {@code const},
 * {@code value}, extensions; and what a format adds, such as AsyncAPI's {@code examples}) are not searched.
 */
final class ExternalReferences {

    static final Set<String> DATA = Set.of("example", "default", "enum", "const", "value");
    /** Objects whose keys are names of schemas (a property named {@code default} is no data). */
    private static final Set<String> NAMED = Set.of("properties", "patternProperties", "definitions", "$defs", "dependencies", "schemas");

    private ExternalReferences() {
    }

    static void find(JsonNode node, String pointer, List<FieldProblem> problems) {
        find(node, pointer, DATA, problems);
    }

    static void find(JsonNode node, String pointer, Set<String> data, List<FieldProblem> problems) {
        visit(node, pointer, data, (at, reference) -> {
            if (!reference.startsWith("#")) {
                problems.add(new FieldProblem(at, "refers outside the document ('" + reference
                        + "'); Gatehouse does not fetch references: import a bundled document, with every $ref inside it"));
            }
        });
    }

    /** Calls {@code visitor} with the pointer and the text of every {@code $ref} below {@code node}, outside {@code data}. */
    static void visit(JsonNode node, String pointer, Set<String> data, BiConsumer<String, String> visitor) {
        visit(node, pointer, data, false, visitor);
    }

    private static void visit(JsonNode node, String pointer, Set<String> data, boolean named, BiConsumer<String, String> visitor) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), Pointers.child(pointer, i), data, false, visitor);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (named) {
                visit(value, Pointers.child(pointer, name), data, false, visitor);
            } else if (name.equals("$ref") && value.isTextual()) {
                visitor.accept(Pointers.child(pointer, name), value.asText());
            } else if (!data.contains(name) && !name.startsWith("x-")) {
                visit(value, Pointers.child(pointer, name), data, NAMED.contains(name), visitor);
            }
        }
    }
}
