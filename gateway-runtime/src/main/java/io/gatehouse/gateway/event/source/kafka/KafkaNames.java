package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.source.SourceChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Kafka's naming rules applied to channels: a topic has only letters, digits, '.', '_' and '-'. A
 * channel's topic is its {@code topics} entry or its address, with '/' read as '.' (MQTT-style
 * addresses such as {@code lights/{lightId}/measured} become {@code lights.{lightId}.measured}) and any
 * other character Kafka does not allow as '_', in the template and in parameter values alike.
 */
final class KafkaNames {

    private KafkaNames() {
    }

    static SourceChannel channel(ServedChannel channel) {
        return SourceChannel.of(channel, KafkaNames::template);
    }

    static String template(String name) {
        String trimmed = name.replaceAll("^/+|/+$", "");
        StringBuilder topic = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            topic.append(c == '/' ? '.' : legal(c) || c == '{' || c == '}' ? c : '_');
        }
        return topic.toString();
    }

    static String value(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            escaped.append(legal(c) ? c : '_');
        }
        return escaped.toString();
    }

    private static boolean legal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }

    /** The id of a record as consumers see it: its offset in partition 0, else {@code partition:offset}. */
    static String eventId(int partition, long offset) {
        return partition == 0 ? Long.toString(offset) : partition + ":" + offset;
    }

    /** The id of a record for webhooks, unique within the cluster: {@code kafka:topic:partition:offset}. */
    static String webhookEventId(String topic, int partition, long offset) {
        String name = topic.length() <= 150 ? topic : digest(topic);
        return "kafka:" + name + ":" + partition + ":" + offset;
    }

    private static String digest(String topic) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(topic.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
