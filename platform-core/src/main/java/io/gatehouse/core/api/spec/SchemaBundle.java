package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.core.api.spec.InternalReferences.Located;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Makes a schema of a document self-contained, to be stored apart from the document: every schema it
 * refers to (transitively) is copied into its {@code definitions}, and its {@code $ref}s are rewritten
 * to point there ({@code #/components/schemas/sentAt} becomes {@code #/definitions/sentAt}). Recursive
 * schemas stay recursive; nothing is inlined, so nothing grows without bound.
 */
final class SchemaBundle {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> DATA = Set.of("example", "examples", "default", "enum", "const");
    private static final Set<String> NAMED = Set.of("properties", "patternProperties", "definitions", "$defs", "dependencies");

    private final JsonNode root;
    private final Map<String, String> names = new HashMap<>();
    private final Deque<String> pending = new ArrayDeque<>();

    private SchemaBundle(JsonNode root) {
        this.root = root;
    }

    /** The schema at {@code schema} as plain JSON values (maps, lists…), with what it refers to; null when its references are broken. */
    static Object of(Located schema, JsonNode root) {
        if (schema == null) {
            return null;
        }
        SchemaBundle bundle = new SchemaBundle(root);
        JsonNode copy = bundle.rewrite(schema.node().deepCopy(), false);
        if (!bundle.pending.isEmpty()) {
            ObjectNode definitions = JSON.createObjectNode();
            while (!bundle.pending.isEmpty()) {
                String target = bundle.pending.pop();
                definitions.set(bundle.names.get(target), bundle.rewrite(root.at(target).deepCopy(), false));
            }
            if (copy.isObject()) {
                ObjectNode object = (ObjectNode) copy;
                JsonNode own = object.get("definitions");
                if (own != null && own.isObject()) {
                    ((ObjectNode) own).setAll(definitions);
                } else {
                    object.set("definitions", definitions);
                }
            }
        }
        return JSON.convertValue(copy, Object.class);
    }

    private JsonNode rewrite(JsonNode node, boolean named) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rewrite(node.get(i), false);
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode reference = object.get("$ref");
            if (!named && reference != null && reference.isTextual() && reference.asText().startsWith("#")) {
                String target = InternalReferences.target(reference.asText());
                if (target != null && !root.at(target).isMissingNode()) {
                    object.put("$ref", "#/definitions/" + Pointers.escape(nameOf(target)));
                }
            }
            object.properties().forEach(field -> {
                if (named || (!DATA.contains(field.getKey()) && !field.getKey().equals("$ref"))) {
                    rewrite(field.getValue(), !named && NAMED.contains(field.getKey()));
                }
            });
        }
        return node;
    }

    private String nameOf(String target) {
        return names.computeIfAbsent(target, key -> {
            String base = key.substring(key.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
            String name = base.isEmpty() ? "root" : base;
            for (int n = 2; names.containsValue(name); n++) {
                name = base + "-" + n;
            }
            pending.push(key);
            return name;
        });
    }
}
