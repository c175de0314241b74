package io.gatehouse.gateway.event.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A publish a client sends on a WebSocket, as a JSON text frame:
 * {@code {"type":"publish","ref":"m-1","contentType":"application/json","data":{"lux":1200}}}.
 * {@code data} (required) is sent as JSON (content type {@code application/json} unless given) when
 * it is an object, array, number, boolean or null; as its text ({@code text/plain; charset=utf-8} unless
 * given) when it is a string; with {@code "base64":true}, the string is the payload in base64
 * ({@code application/octet-stream} unless given). {@code ref} (optional, a string or number) comes back
 * in the answer. Other properties are ignored.
 *
 * @param ref the client's reference for the answer, or null
 */
record PublishFrame(String ref, String contentType, byte[] payload) {

    private static final int MAX_REF = 200;
    private static final int MAX_CONTENT_TYPE = 255;

    /** Why a frame cannot be published: the close code and a reason for the client. */
    static final class Refused extends Exception {
        private final short code;

        Refused(short code, String reason) {
            super(reason, null, false, false);
            this.code = code;
        }

        short code() {
            return code;
        }
    }

    static PublishFrame parse(String text, JsonMapper json, long maxPayload) throws Refused {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            throw malformed("A frame must be JSON such as {\"type\":\"publish\",\"data\":{…}}; this one is not: "
                    + e.getOriginalMessage());
        }
        if (frame == null || !frame.isObject()) {
            throw malformed("A frame must be a JSON object such as {\"type\":\"publish\",\"data\":{…}}.");
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isString()) {
            throw malformed("A frame needs \"type\": \"publish\".");
        }
        if (!type.stringValue().equals("publish")) {
            throw new Refused(CloseCodes.UNSUPPORTED_DATA, "Frames of type '" + type.stringValue()
                    + "' are not supported; clients send {\"type\":\"publish\",…}.");
        }
        String ref = ref(frame.get("ref"));
        String contentType = contentType(frame.get("contentType"));
        JsonNode data = frame.get("data");
        if (data == null) {
            throw malformed("A publish needs \"data\": the event's payload.");
        }
        JsonNode base64 = frame.get("base64");
        byte[] payload;
        String defaultType;
        if (base64 != null && base64.isBoolean() && base64.booleanValue()) {
            if (!data.isString()) {
                throw malformed("With \"base64\": true, \"data\" must be a base64 string.");
            }
            try {
                payload = Base64.getDecoder().decode(data.stringValue());
            } catch (IllegalArgumentException e) {
                throw malformed("\"data\" is not valid base64: " + e.getMessage());
            }
            defaultType = "application/octet-stream";
        } else if (data.isString()) {
            payload = data.stringValue().getBytes(StandardCharsets.UTF_8);
            defaultType = "text/plain; charset=utf-8";
        } else {
            payload = json.writeValueAsBytes(data);
            defaultType = "application/json";
        }
        if (payload.length > maxPayload) {
            throw new Refused(CloseCodes.MESSAGE_TOO_BIG, "An event's payload may have at most " + maxPayload
                    + " bytes (the gateway's maximum body size); this one has " + payload.length + ".");
        }
        return new PublishFrame(ref, contentType != null ? contentType : defaultType, payload);
    }

    private static String ref(JsonNode ref) throws Refused {
        if (ref == null || ref.isNull()) {
            return null;
        }
        if (!ref.isString() && !ref.isNumber() || ref.asString().length() > MAX_REF) {
            throw malformed("\"ref\" must be a string or number of at most " + MAX_REF + " characters.");
        }
        return ref.asString();
    }

    private static String contentType(JsonNode contentType) throws Refused {
        if (contentType == null || contentType.isNull()) {
            return null;
        }
        if (!contentType.isString() || contentType.stringValue().isBlank() || contentType.stringValue().length() > MAX_CONTENT_TYPE
                || contentType.stringValue().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw malformed("\"contentType\" must be a media type such as \"application/json\".");
        }
        return contentType.stringValue().strip();
    }

    private static Refused malformed(String reason) {
        return new Refused(CloseCodes.INVALID_PAYLOAD, reason);
    }
}
