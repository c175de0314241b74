package io.gatehouse.core.api.spec;

/** RFC 6901 JSON pointers into imported documents. */
final class Pointers {

    private Pointers() {
    }

    /** One reference token, escaped: {@code /pets/{id}} becomes {@code ~1pets~1{id}}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, String token) {
        return pointer + "/" + escape(token);
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
