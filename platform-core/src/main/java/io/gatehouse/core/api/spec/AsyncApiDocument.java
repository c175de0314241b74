package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelMessage;
import io.gatehouse.core.api.event.ChannelParameter;
import io.gatehouse.core.api.spec.InternalReferences.Located;
import io.gatehouse.core.error.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An AsyncAPI document that passed its JSON Schema, being read into channels: what both versions share
 * (references, messages, parameter schemas, texts), and the problems found so far.
 */
final class AsyncApiDocument {

    static final int MAX_TEXT = 4000;
    static final int MAX_TITLE = 200;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    final JsonNode root;
    final List<FieldProblem> problems;
    final InternalReferences references;
    private final String defaultContentType;

    AsyncApiDocument(JsonNode root, List<FieldProblem> problems) {
        this.root = root;
        this.problems = problems;
        this.references = new InternalReferences(root, problems);
        this.defaultContentType = text(root.get("defaultContentType"), MAX_TITLE);
    }

    /** A channel read from the document, and the pointer of its address there. */
    record ReadChannel(String name, String address, String addressPointer, String description, List<ChannelDirection> directions,
                       List<ChannelParameter> parameters, List<ChannelMessage> messages, String pointer) {
    }

    Located follow(JsonNode node, String pointer) {
        return node == null ? null : references.follow(node, pointer);
    }

    /** Messages by name, in document order; a message met twice (the same place) is kept once. */
    static final class Messages {
        private final Map<String, ChannelMessage> byName = new LinkedHashMap<>();
        private final Map<String, String> nameByPointer = new LinkedHashMap<>();

        void add(String pointer, ChannelMessage message) {
            if (nameByPointer.containsKey(pointer)) {
                return;
            }
            String name = message.name();
            for (int n = 2; byName.containsKey(name); n++) {
                name = message.name() + "-" + n;
            }
            nameByPointer.put(pointer, name);
            byName.put(name, new ChannelMessage(name, message.title(), message.summary(), message.contentType(), message.schemaFormat(),
                    message.payload()));
        }

        List<ChannelMessage> list() {
            return new ArrayList<>(byName.values());
        }
    }

    /**
     * The message at {@code located}, named {@code name} (else its {@code messageId}, {@code name}, or
     * the last token of its pointer); its payload bundled. {@code multiFormat}: the payload may be an
     * AsyncAPI 3 Multi Format Schema Object ({@code {schemaFormat, schema}}).
     */
    ChannelMessage message(Located located, String name, boolean multiFormat) {
        JsonNode message = located.node();
        String given = name != null ? name : firstText(message, "messageId", "name");
        if (given == null) {
            given = lastToken(located.pointer());
        }
        JsonNode payload = message.get("payload");
        String payloadPointer = Pointers.child(located.pointer(), "payload");
        String schemaFormat = text(message.get("schemaFormat"), MAX_TITLE);
        if (multiFormat && payload != null) {
            Located followed = follow(payload, payloadPointer);
            if (followed != null && followed.node().has("schemaFormat") && followed.node().has("schema")) {
                schemaFormat = text(followed.node().get("schemaFormat"), MAX_TITLE);
                payload = followed.node().get("schema");
                payloadPointer = Pointers.child(followed.pointer(), "schema");
            }
        }
        Object schema = payload == null ? null : SchemaBundle.of(follow(payload, payloadPointer), root);
        String contentType = text(message.get("contentType"), MAX_TITLE);
        String named = clip(given, MAX_TITLE);
        return new ChannelMessage(named == null ? "message" : named, text(message.get("title"), MAX_TITLE), text(message.get("summary"), MAX_TEXT),
                contentType != null ? contentType : defaultContentType, schemaFormat, schema);
    }

    /** The parameters of a channel: AsyncAPI 2 gives each a schema; AsyncAPI 3 an enum, a default and examples of a string. */
    List<ChannelParameter> parameters(JsonNode declared, String pointer) {
        List<ChannelParameter> parameters = new ArrayList<>();
        if (declared == null || !declared.isObject()) {
            return parameters;
        }
        declared.properties().forEach(entry -> {
            Located parameter = follow(entry.getValue(), Pointers.child(pointer, entry.getKey()));
            if (parameter == null) {
                return;
            }
            JsonNode node = parameter.node();
            Object schema;
            if (node.has("schema")) {
                schema = SchemaBundle.of(follow(node.get("schema"), Pointers.child(parameter.pointer(), "schema")), root);
            } else {
                ObjectNode string = JSON.createObjectNode().put("type", "string");
                for (String keyword : List.of("enum", "default", "examples")) {
                    if (node.has(keyword)) {
                        string.set(keyword, node.get(keyword).deepCopy());
                    }
                }
                schema = JSON.convertValue(string, Object.class);
            }
            parameters.add(new ChannelParameter(entry.getKey(), text(node.get("description"), MAX_TEXT), schema));
        });
        return parameters;
    }

    String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String text = text(node.get(field), MAX_TEXT);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    static String text(JsonNode node, int max) {
        return node == null || !node.isTextual() ? null : clip(node.asText(), max);
    }

    static String clip(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max - 1) + "…";
    }

    private static String lastToken(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
