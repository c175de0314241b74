package io.gatehouse.gateway.event.websocket;

import io.gatehouse.gateway.event.stream.RecentFrames;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.problem.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text frames the gateway sends on a WebSocket:
 * <ul>
 * <li>an event: {@code {"type":"event","id":"1187","channel":"lights/measured","contentType":"application/json",
 *     "publishedAt":"…","data":{"lux":1200}}}. {@code data} is the payload itself when its content type is
 *     JSON and it is well-formed JSON; a string when it is other text in UTF-8; otherwise the payload in
 *     base64 with {@code "base64":true} beside it;</li>
 * <li>{@code {"type":"ready","subscribe":true,"publish":false}} once the connection is live: what the
 *     caller may do on it;</li>
 * <li>{@code {"type":"closing","code":1013,"reason":"…"}} right before the gateway closes the socket, with
 *     the whole reason (a close frame holds 123 bytes of it);</li>
 * <li>the answer to a publish: {@code {"type":"ack","ref":"…","id":"1190"}}, or
 *     {@code {"type":"error","ref":"…","status":429,"retryAfter":1,"title":"…","detail":"…"}} when it was not accepted
 *     ({@code retryAfter}: seconds, when a rate limit or quota says when to try again).</li>
 * </ul>
 * An event's frame is made once for all the subscribers that receive it ({@link RecentFrames}).
 */
final class EventFrames {

    private final JsonMapper json;
    private final RecentFrames<String> recent = new RecentFrames<>(this::event);

    EventFrames(JsonMapper json) {
        this.json = json;
    }

    String encode(StreamEvent event) {
        return recent.of(event);
    }

    private String event(StreamEvent event) {
        byte[] payload = event.payload();
        StringBuilder frame = new StringBuilder(payload.length + 160).append("{\"type\":\"event\",\"id\":\"").append(event.id())
                .append("\",\"channel\":");
        quote(frame, event.channel());
        if (event.contentType() != null) {
            frame.append(",\"contentType\":");
            quote(frame, event.contentType());
        }
        if (event.publishedAt() != null) {
            frame.append(",\"publishedAt\":\"").append(event.publishedAt()).append('"');
        }
        frame.append(",\"data\":");
        String text = isText(event.contentType()) ? utf8(payload) : null;
        if (text != null && isJson(event.contentType()) && wellFormedJson(payload)) {
            frame.append(text.strip());
        } else if (text != null) {
            quote(frame, text);
        } else {
            frame.append('"').append(Base64.getEncoder().encodeToString(payload)).append("\",\"base64\":true");
        }
        return frame.append('}').toString();
    }

    static String ack(String ref, String id) {
        StringBuilder frame = new StringBuilder(64).append("{\"type\":\"ack\"");
        ref(frame, ref);
        return frame.append(",\"id\":\"").append(id).append("\"}").toString();
    }

    static String ready(boolean subscribe, boolean publish) {
        return "{\"type\":\"ready\",\"subscribe\":" + subscribe + ",\"publish\":" + publish + "}";
    }

    static String closing(short code, String reason) {
        StringBuilder frame = new StringBuilder(160).append("{\"type\":\"closing\",\"code\":").append(code);
        if (reason != null) {
            frame.append(",\"reason\":");
            quote(frame, reason);
        }
        return frame.append('}').toString();
    }

    /** @param retryAfter the seconds to wait before publishing again (a limit's {@code Retry-After}), or null */
    static String error(String ref, Problem problem, String retryAfter) {
        StringBuilder frame = new StringBuilder(160).append("{\"type\":\"error\"");
        ref(frame, ref);
        frame.append(",\"status\":").append(problem.status());
        if (retryAfter != null && !retryAfter.isEmpty() && retryAfter.chars().allMatch(Character::isDigit)) {
            frame.append(",\"retryAfter\":").append(retryAfter);
        }
        frame.append(",\"problemType\":");
        quote(frame, problem.type().uri());
        frame.append(",\"title\":");
        quote(frame, problem.type().title());
        if (problem.detail() != null) {
            frame.append(",\"detail\":");
            quote(frame, problem.detail());
        }
        return frame.append('}').toString();
    }

    private static void ref(StringBuilder frame, String ref) {
        if (ref != null) {
            frame.append(",\"ref\":");
            quote(frame, ref);
        }
    }

    static boolean isJson(String contentType) {
        String type = mediaType(contentType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    static boolean isText(String contentType) {
        String type = mediaType(contentType);
        return type.startsWith("text/") || isJson(contentType) || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/javascript");
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private boolean wellFormedJson(byte[] payload) {
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static void quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
