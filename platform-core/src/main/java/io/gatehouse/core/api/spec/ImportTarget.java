package io.gatehouse.core.api.spec;

/**
 * What the document does not say about the API to create: its context path and upstream, and
 * optionally a name and version that replace the document's {@code info.title} and {@code info.version}.
 */
public record ImportTarget(String context, String upstream, String name, String version) {
}
