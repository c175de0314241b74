package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Records of a channel's topic as gateway events. */
final class KafkaRecords {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private KafkaRecords() {
    }

    static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String path(SourceChannel channel, ConsumerRecord<byte[], byte[]> record) {
        return channel.pathOf(record.topic(), header(record.headers(), SourceChannel.PATH_HEADER));
    }

    static String contentType(ConsumerRecord<byte[], byte[]> record) {
        String type = header(record.headers(), SourceChannel.CONTENT_TYPE_HEADER);
        return type == null || type.isBlank() ? DEFAULT_CONTENT_TYPE : type;
    }

    static byte[] payload(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? new byte[0] : record.value();
    }

    static StreamEvent event(UUID apiId, SourceChannel channel, String path, ConsumerRecord<byte[], byte[]> record) {
        return new StreamEvent(KafkaNames.eventId(record.partition(), record.offset()), record.partition(), record.offset(), apiId,
                channel.channel().name(), path, contentType(record), payload(record), Instant.ofEpochMilli(record.timestamp()));
    }
}
