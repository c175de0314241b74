package io.gatehouse.core.api.spec;

import java.util.Map;

/**
 * What the document does not say about the API to create: its context path and upstream (REST), the
 * event source (EVENT; its JSON shape, {@code {"kind": "KAFKA", …}}; null for the built-in broker), and
 * optionally a name and version that replace the document's {@code info.title} and {@code info.version}.
 */
public record ImportTarget(String context, String upstream, String name, String version, Map<String, Object> source) {

    public ImportTarget(String context, String upstream, String name, String version) {
        this(context, upstream, name, version, null);
    }
}
