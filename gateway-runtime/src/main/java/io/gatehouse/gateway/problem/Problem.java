package io.gatehouse.gateway.problem;

import java.nio.charset.StandardCharsets;

/** An RFC 9457 problem the gateway answers with: a kind and a human-readable detail. */
public record Problem(ProblemType type, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        if (type == null) {
            throw new IllegalArgumentException("a problem needs a type");
        }
    }

    public int status() {
        return type.status();
    }

    public byte[] toJson() {
        StringBuilder json = new StringBuilder(160);
        json.append("{\"type\":");
        quote(json, type.uri());
        json.append(",\"title\":");
        quote(json, type.title());
        json.append(",\"status\":").append(type.status());
        if (detail != null) {
            json.append(",\"detail\":");
            quote(json, detail);
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void quote(StringBuilder json, String value) {
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
                    if (c < 0x20) {
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
