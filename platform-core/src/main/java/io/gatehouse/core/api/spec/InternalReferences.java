package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.error.FieldProblem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows {@code $ref}s inside one document ({@code #/components/messages/lightMeasured}): the
 * fragment is an RFC 6901 pointer, percent-decoded. A reference to nothing, and a chain of references
 * that comes back to itself, are problems at the {@code $ref}; references outside the document are
 * never followed (see {@link ExternalReferences}).
 */
final class InternalReferences {

    private final JsonNode root;
    private final List<FieldProblem> problems;

    InternalReferences(JsonNode root, List<FieldProblem> problems) {
        this.root = root;
        this.problems = problems;
    }

    /** A node of the document and its pointer. */
    record Located(JsonNode node, String pointer) {
    }

    /**
     * {@code node} (at {@code pointer}), or what its {@code $ref} chain leads to; null when the chain is
     * broken (reported) or leaves the document (reported by {@link ExternalReferences}).
     */
    Located follow(JsonNode node, String pointer) {
        Set<String> seen = new HashSet<>();
        JsonNode current = node;
        String at = pointer;
        while (current != null && current.isObject() && current.path("$ref").isTextual()) {
            String reference = current.get("$ref").asText();
            if (!reference.startsWith("#")) {
                return null;
            }
            String target = target(reference);
            JsonNode next = target == null ? null : root.at(target);
            if (next == null || next.isMissingNode()) {
                problems.add(new FieldProblem(at + "/$ref", "refers to " + reference + ", which is not in the document"));
                return null;
            }
            if (!seen.add(target)) {
                problems.add(new FieldProblem(at + "/$ref", "is a chain of references that comes back to " + reference));
                return null;
            }
            current = next;
            at = target;
        }
        return current == null ? null : new Located(current, at);
    }

    /** Reports every internal {@code $ref} below the root that refers to nothing. */
    void checkAll(Set<String> data) {
        ExternalReferences.visit(root, "", data, (at, reference) -> {
            if (reference.startsWith("#")) {
                String target = target(reference);
                if (target == null || root.at(target).isMissingNode()) {
                    problems.add(new FieldProblem(at, "refers to " + reference + ", which is not in the document"));
                }
            }
        });
    }

    /** The pointer a reference's fragment names, or null when it names no valid pointer. */
    static String target(String reference) {
        String pointer = decode(reference.substring(1));
        try {
            JsonPointer.compile(pointer);
            return pointer;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String decode(String fragment) {
        if (fragment.indexOf('%') < 0) {
            return fragment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(fragment.length());
        for (int i = 0; i < fragment.length(); i++) {
            char c = fragment.charAt(i);
            if (c == '%' && i + 2 < fragment.length() && Character.digit(fragment.charAt(i + 1), 16) >= 0
                    && Character.digit(fragment.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(fragment.charAt(i + 1), 16) * 16 + Character.digit(fragment.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
