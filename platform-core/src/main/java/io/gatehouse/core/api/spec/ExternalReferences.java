package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.error.FieldProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@code $ref}s that point outside the document (another file, a URL). Gatehouse never fetches
 * them: a fetch could hang, reach into private networks, or change after the import. Values that are
 * data rather than description ({@code example}, {@code default}, {@code enum}, {@code const},
 * {@code value}, extensions) are not searched.
 */
final class ExternalReferences {

    private static final Set<String> DATA = Set.of("example", "default", "enum", "const", "value");

    private ExternalReferences() {
    }

    static void find(JsonNode node, String pointer, List<FieldProblem> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                find(node.get(i), Pointers.child(pointer, i), problems);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("$ref") && value.isTextual() && !value.asText().startsWith("#")) {
                problems.add(new FieldProblem(Pointers.child(pointer, name), "refers outside the document ('" + value.asText()
                        + "'); Gatehouse does not fetch references: import a bundled document, with every $ref inside it"));
            } else if (!DATA.contains(name) && !name.startsWith("x-")) {
                find(value, Pointers.child(pointer, name), problems);
            }
        }
    }
}
