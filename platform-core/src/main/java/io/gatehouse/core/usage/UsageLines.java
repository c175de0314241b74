package io.gatehouse.core.usage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line per usage record: the record as a JSON object with named fields, then {@code \n}. It is the
 * format of the gateway's usage journal and of the records on the usage topic. Fields a newer gateway
 * adds are ignored by an older reader and missing ones take their default, so journal segments and
 * topic records survive an upgrade or a rollback. Lines are written by hand (this runs on the event
 * loop for every call) and read back with Jackson.
 */
public final class UsageLines {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UsageLines() {
    }

    public static byte[] encode(UsageRecord record) {
        StringBuilder json = new StringBuilder(448);
        encode(record, json);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the record's line, {@code \n} included, to {@code json}. */
    public static void encode(UsageRecord record, StringBuilder json) {
        json.append("{\"id\":");
        uuid(json, record.id());
        json.append(",\"occurredAt\":");
        instant(json, record.occurredAt());
        json.append(",\"kind\":\"").append(record.kind().name()).append('"');
        json.append(",\"apiId\":");
        uuid(json, record.apiId());
        json.append(",\"planId\":");
        uuid(json, record.planId());
        json.append(",\"applicationId\":");
        uuid(json, record.applicationId());
        json.append(",\"organizationId\":");
        uuid(json, record.organizationId());
        json.append(",\"subscriptionId\":");
        uuid(json, record.subscriptionId());
        json.append(",\"outcome\":\"").append(record.outcome().name()).append('"');
        json.append(",\"method\":");
        string(json, record.method());
        json.append(",\"path\":");
        string(json, record.path());
        json.append(",\"status\":").append(record.status());
        json.append(",\"requestBytes\":").append(record.requestBytes());
        json.append(",\"responseBytes\":").append(record.responseBytes());
        json.append(",\"latencyMicros\":").append(record.latencyMicros());
        json.append(",\"requestId\":");
        string(json, record.requestId());
        json.append(",\"gatewayNode\":");
        string(json, record.gatewayNode());
        json.append(",\"overage\":").append(record.overage());
        json.append(",\"operation\":");
        string(json, record.operation());
        json.append("}\n");
    }

    public static UsageRecord decode(String line) {
        return MAPPER.readValue(line, UsageRecord.class);
    }

    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    private static void uuid(StringBuilder json, UUID value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"').append(value).append('"'); // UUID.toString() formats in one pass, far cheaper than by digit
    }

    /** Seconds since the epoch with nine decimals: exact, cheaper to write than ISO-8601, and read back as an Instant. */
    private static void instant(StringBuilder json, Instant value) {
        json.append(value.getEpochSecond()).append('.');
        String nanos = Integer.toString(value.getNano());
        for (int pad = nanos.length(); pad < 9; pad++) {
            json.append('0');
        }
        json.append(nanos);
    }

    /** A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped. */
    private static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        if (plain(value)) {
            json.append(value).append('"');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
