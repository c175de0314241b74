package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.spec.AsyncApiDocument.Messages;
import io.gatehouse.core.api.spec.AsyncApiDocument.ReadChannel;
import io.gatehouse.core.api.spec.InternalReferences.Located;
import io.gatehouse.core.error.FieldProblem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels of an AsyncAPI 3.0 document. A channel's key is its name, its {@code address} its
 * address (when null or absent: unknown until run time, and its key stands in). What consumers may do
 * comes from the document's {@code operations}, which are the application's: {@code action: send}
 * means the application sends on the channel, so consumers receive ({@link ChannelDirection#SUBSCRIBE});
 * {@code action: receive} means consumers send ({@link ChannelDirection#PUBLISH}). A channel no
 * operation names gets neither. The messages are the channel's {@code messages}.
 */
final class AsyncApi3Channels {

    private static final String CHANNELS = "/channels/";

    private AsyncApi3Channels() {
    }

    static List<ReadChannel> read(AsyncApiDocument document) {
        Map<String, Set<ChannelDirection>> directions = directions(document);
        List<ReadChannel> channels = new ArrayList<>();
        document.root.path("channels").properties().forEach(entry -> {
            String pointer = Pointers.child("/channels", entry.getKey());
            Located channel = document.follow(entry.getValue(), pointer);
            if (channel == null) {
                return;
            }
            JsonNode node = channel.node();
            boolean hasAddress = node.path("address").isTextual();
            Messages messages = new Messages();
            node.path("messages").properties().forEach(message -> {
                Located located = document.follow(message.getValue(),
                        Pointers.child(Pointers.child(channel.pointer(), "messages"), message.getKey()));
                if (located != null) {
                    messages.add(located.pointer(), document.message(located, message.getKey(), true));
                }
            });
            channels.add(new ReadChannel(entry.getKey(), hasAddress ? node.get("address").asText() : entry.getKey(),
                    hasAddress ? Pointers.child(channel.pointer(), "address") : pointer,
                    document.firstText(node, "description", "summary", "title"),
                    List.copyOf(directions.getOrDefault(entry.getKey(), Set.of())),
                    document.parameters(node.get("parameters"), Pointers.child(channel.pointer(), "parameters")),
                    messages.list(), channel.pointer()));
        });
        return channels;
    }

    /** Channel key → directions, from the operations. */
    private static Map<String, Set<ChannelDirection>> directions(AsyncApiDocument document) {
        Map<String, Set<ChannelDirection>> directions = new HashMap<>();
        JsonNode channels = document.root.path("channels");
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.root.path("operations").properties().forEach(entry -> operations.put(entry.getKey(), entry.getValue()));
        operations.forEach((key, declared) -> {
            Located operation = document.follow(declared, Pointers.child("/operations", key));
            if (operation == null) {
                return;
            }
            String at = Pointers.child(operation.pointer(), "channel") + "/$ref";
            JsonNode reference = operation.node().path("channel").path("$ref");
            String target = reference.isTextual() ? InternalReferences.target(reference.asText()) : null;
            String token = target != null && target.startsWith(CHANNELS) ? target.substring(CHANNELS.length()) : null;
            String channel = token == null || token.contains("/") ? null : token.replace("~1", "/").replace("~0", "~");
            if (channel == null || !channels.has(channel)) {
                if (reference.isTextual() && reference.asText().startsWith("#")) {
                    document.problems.add(new FieldProblem(at, "must refer to a channel of the document's channels (#/channels/<name>)"));
                }
                return;
            }
            String action = operation.node().path("action").asText();
            ChannelDirection direction = action.equals("send") ? ChannelDirection.SUBSCRIBE : ChannelDirection.PUBLISH;
            directions.computeIfAbsent(channel, c -> EnumSet.noneOf(ChannelDirection.class)).add(direction);
        });
        return directions;
    }
}
