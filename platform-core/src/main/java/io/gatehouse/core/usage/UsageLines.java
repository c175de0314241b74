package io.gatehouse.core.usage;

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
        LineBuffer line = new LineBuffer(448);
        encode(record, line);
        return line.toByteArray();
    }

    /** Appends the record's line, {@code \n} included, to {@code line}. */
    public static void encode(UsageRecord record, LineBuffer line) {
        line.ascii("{\"id\":");
        uuid(line, record.id());
        line.ascii(",\"occurredAt\":");
        instant(line, record.occurredAt());
        line.ascii(",\"kind\":\"").ascii(record.kind().name()).ascii('"');
        line.ascii(",\"apiId\":");
        uuid(line, record.apiId());
        line.ascii(",\"planId\":");
        uuid(line, record.planId());
        line.ascii(",\"applicationId\":");
        uuid(line, record.applicationId());
        line.ascii(",\"organizationId\":");
        uuid(line, record.organizationId());
        line.ascii(",\"subscriptionId\":");
        uuid(line, record.subscriptionId());
        line.ascii(",\"outcome\":\"").ascii(record.outcome().name()).ascii('"');
        line.ascii(",\"method\":");
        string(line, record.method());
        line.ascii(",\"path\":");
        string(line, record.path());
        line.ascii(",\"status\":").decimal(record.status());
        line.ascii(",\"requestBytes\":").decimal(record.requestBytes());
        line.ascii(",\"responseBytes\":").decimal(record.responseBytes());
        line.ascii(",\"latencyMicros\":").decimal(record.latencyMicros());
        line.ascii(",\"requestId\":");
        string(line, record.requestId());
        line.ascii(",\"gatewayNode\":");
        string(line, record.gatewayNode());
        line.ascii(",\"overage\":").ascii(record.overage() ? "true" : "false");
        line.ascii(",\"operation\":");
        string(line, record.operation());
        line.ascii("}\n");
    }

    public static UsageRecord decode(String line) {
        return MAPPER.readValue(line, UsageRecord.class);
    }

    /** Whether {@code value} can be written as it is: ASCII without a quote, a backslash or a control character. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void uuid(LineBuffer line, UUID value) {
        if (value == null) {
            line.ascii("null");
        } else {
            line.ascii('"').uuid(value).ascii('"');
        }
    }

    /** Seconds since the epoch with nine decimals: exact, cheaper to write than ISO-8601, and read back as an Instant. */
    private static void instant(LineBuffer line, Instant value) {
        line.decimal(value.getEpochSecond()).ascii('.').digits(value.getNano(), 9);
    }

    /** A JSON string literal (RFC 8259 §7) in UTF-8: quote, backslash and control characters escaped. */
    private static void string(LineBuffer line, String value) {
        if (value == null) {
            line.ascii("null");
            return;
        }
        line.ascii('"');
        if (plain(value)) {
            line.ascii(value).ascii('"');
            return;
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                escaped.append(c);
            }
        }
        line.utf8(escaped.toString()).ascii('"');
    }
}
