package io.gatehouse.gateway.event.websocket;

import io.gatehouse.gateway.event.stream.StreamWriter.EndReason;
import io.gatehouse.gateway.problem.Problem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/** The RFC 6455 close codes the gateway closes WebSockets with, and how it picks them. */
final class CloseCodes {

    static final short GOING_AWAY = 1001;
    static final short UNSUPPORTED_DATA = 1003;
    static final short INVALID_PAYLOAD = 1007;
    static final short POLICY_VIOLATION = 1008;
    static final short MESSAGE_TOO_BIG = 1009;
    static final short INTERNAL_ERROR = 1011;
    static final short TRY_AGAIN_LATER = 1013;

    /** A close frame's reason takes at most 123 bytes of UTF-8. */
    private static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    static short of(EndReason reason) {
        return switch (reason) {
            case POLICY -> POLICY_VIOLATION;
            case TRY_AGAIN_LATER -> TRY_AGAIN_LATER;
            case GOING_AWAY -> GOING_AWAY;
        };
    }

    /** 1013 for what may pass later (429, 503), 1011 for the gateway's own failure, else 1008. */
    static short of(Problem problem) {
        return switch (problem.status()) {
            case 429, 503 -> TRY_AGAIN_LATER;
            case 500 -> INTERNAL_ERROR;
            default -> POLICY_VIOLATION;
        };
    }

    /** {@code detail} cut to fit a close frame, on a character boundary. */
    static String reason(String detail) {
        if (detail == null) {
            return null;
        }
        if (detail.length() * 3 <= MAX_REASON_BYTES || detail.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return detail;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        CharBuffer in = CharBuffer.wrap(detail);
        encoder.encode(in, ByteBuffer.allocate(MAX_REASON_BYTES - 3), true);
        return detail.substring(0, in.position()) + "…";
    }
}
