package io.gatehouse.core.api.spec;

import io.gatehouse.core.error.FieldProblem;

/**
 * Turns swagger-parser's messages into problems with JSON pointers. The parser names places as
 * {@code attribute paths.'/pets/{petId}'(get).responses is missing} or
 * {@code paths.'/pets'. Declared path parameter …}; this reads such a location into
 * {@code /paths/~1pets~1{petId}/get/responses}. A message it cannot place points at the document ("").
 */
final class ParserMessages {

    private ParserMessages() {
    }

    static FieldProblem problem(String message) {
        String text = message.strip();
        if (text.startsWith("attribute ")) {
            String rest = text.substring("attribute ".length());
            int is = outsideQuotes(rest, " is ");
            int reference = outsideQuotes(rest, ".#/");
            if (reference > 0 && is > reference) {
                String pointer = pointer(rest.substring(0, reference));
                if (pointer != null) {
                    return new FieldProblem(pointer + "/$ref", "refers to " + rest.substring(reference + 1, is) + ", which is not in the document");
                }
            }
            if (is > 0) {
                String pointer = pointer(rest.substring(0, is));
                if (pointer != null) {
                    return new FieldProblem(pointer, detail(rest.substring(is + 1)));
                }
            }
        }
        int split = outsideQuotes(text, ". ");
        if (split > 0) {
            String pointer = pointer(text.substring(0, split));
            if (pointer != null) {
                return new FieldProblem(pointer, text.substring(split + 2));
            }
        }
        return new FieldProblem("", text);
    }

    private static String detail(String detail) {
        return switch (detail) {
            case "is missing" -> "is required";
            case "is unexpected" -> "is not a field of this object (extensions start with 'x-')";
            default -> detail;
        };
    }

    /** The pointer of a dotted location, or null when {@code location} does not look like one. */
    static String pointer(String location) {
        StringBuilder pointer = new StringBuilder();
        int i = 0;
        while (i < location.length()) {
            char c = location.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '\'') {
                int close = location.indexOf('\'', i + 1);
                if (close < 0) {
                    return null;
                }
                pointer.append('/').append(Pointers.escape(location.substring(i + 1, close)));
                i = close + 1;
            } else if (c == '(') {
                int close = location.indexOf(')', i);
                if (close < 0) {
                    return null;
                }
                pointer.append('/').append(location, i + 1, close);
                i = close + 1;
            } else if (c == '[') {
                break;
            } else if (c == ' ') {
                return null;
            } else {
                int end = i;
                while (end < location.length() && ".'(['".indexOf(location.charAt(end)) < 0) {
                    if (location.charAt(end) == ' ') {
                        return null;
                    }
                    end++;
                }
                pointer.append('/').append(Pointers.escape(location.substring(i, end)));
                i = end;
            }
        }
        return pointer.toString();
    }

    private static int outsideQuotes(String text, String needle) {
        boolean quoted = false;
        for (int i = 0; i <= text.length() - needle.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && text.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }
}
