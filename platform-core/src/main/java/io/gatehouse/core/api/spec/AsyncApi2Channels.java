package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.spec.AsyncApiDocument.Messages;
import io.gatehouse.core.api.spec.AsyncApiDocument.ReadChannel;
import io.gatehouse.core.api.spec.InternalReferences.Located;
import java.util.ArrayList;
import java.util.List;

/**
 * The channels of an AsyncAPI 2.6 document. A channel's key is its address and its name. Its
 * operations are the application's: {@code subscribe} means the application sends and consumers
 * receive ({@link ChannelDirection#SUBSCRIBE}); {@code publish} means consumers send to the
 * application ({@link ChannelDirection#PUBLISH}). The messages are those of both operations.
 */
final class AsyncApi2Channels {

    private AsyncApi2Channels() {
    }

    static List<ReadChannel> read(AsyncApiDocument document) {
        List<ReadChannel> channels = new ArrayList<>();
        document.root.path("channels").properties().forEach(entry -> {
            String pointer = Pointers.child("/channels", entry.getKey());
            Located channel = document.follow(entry.getValue(), pointer);
            if (channel == null) {
                return;
            }
            List<ChannelDirection> directions = new ArrayList<>();
            Messages messages = new Messages();
            for (String operation : List.of("subscribe", "publish")) {
                Located declared = document.follow(channel.node().get(operation), Pointers.child(channel.pointer(), operation));
                if (declared == null) {
                    continue;
                }
                directions.add(operation.equals("subscribe") ? ChannelDirection.SUBSCRIBE : ChannelDirection.PUBLISH);
                messages(document, declared, messages);
            }
            channels.add(new ReadChannel(entry.getKey(), entry.getKey(), pointer, document.firstText(channel.node(), "description"),
                    directions, document.parameters(channel.node().get("parameters"), Pointers.child(channel.pointer(), "parameters")),
                    messages.list(), channel.pointer()));
        });
        return channels;
    }

    private static void messages(AsyncApiDocument document, Located operation, Messages messages) {
        Located message = document.follow(operation.node().get("message"), Pointers.child(operation.pointer(), "message"));
        if (message == null) {
            return;
        }
        JsonNode oneOf = message.node().get("oneOf");
        if (oneOf != null && oneOf.isArray()) {
            for (int i = 0; i < oneOf.size(); i++) {
                Located each = document.follow(oneOf.get(i), Pointers.child(Pointers.child(message.pointer(), "oneOf"), i));
                if (each != null) {
                    messages.add(each.pointer(), document.message(each, null, false));
                }
            }
        } else {
            messages.add(message.pointer(), document.message(message, null, false));
        }
    }
}
