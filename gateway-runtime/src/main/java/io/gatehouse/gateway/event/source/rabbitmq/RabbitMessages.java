package io.gatehouse.gateway.event.source.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.gatehouse.gateway.event.source.LiveSequence;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** AMQP messages of a channel as gateway events, and the properties of those the gateway publishes. */
final class RabbitMessages {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private RabbitMessages() {
    }

    static AMQP.BasicProperties properties(String id, String path, String contentType) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(SourceChannel.PATH_HEADER, path);
        return new AMQP.BasicProperties.Builder().messageId(id).contentType(contentType).headers(headers)
                .deliveryMode(2).timestamp(new Date()).build();
    }

    static String header(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }

    static String contentType(AMQP.BasicProperties properties) {
        String type = properties.getContentType();
        return type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type;
    }

    static StreamEvent event(UUID apiId, SourceChannel channel, String path, AMQP.BasicProperties properties, byte[] body) {
        long seq = LiveSequence.next();
        String id = properties.getMessageId() != null && !properties.getMessageId().isBlank() ? properties.getMessageId()
                : Long.toString(seq);
        Instant at = properties.getTimestamp() == null ? Instant.now() : properties.getTimestamp().toInstant();
        return new StreamEvent(id, 0, seq, apiId, channel.channel().name(), path, contentType(properties), body == null ? new byte[0] : body,
                at);
    }

    /** The id of a message for webhooks: its message id when it has one (so a redelivery is recognised), else a new one. */
    static String webhookEventId(AMQP.BasicProperties properties) {
        String id = properties.getMessageId();
        return id != null && !id.isBlank() && id.length() <= 190 ? "amqp:" + id : "amqp:" + UUID.randomUUID();
    }
}
