package io.gatehouse.core.api.operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The path of an operation below its API's context, as OpenAPI writes it: {@code /pets/{petId}},
 * {@code /reports/{id}.json}. Segments are separated by '/'; each is literal text and
 * {@code {parameters}}, a parameter standing for one non-empty piece of a single segment. A trailing
 * slash is ignored, so {@code /pets/} and {@code /pets} are the same template.
 */
public record PathTemplate(String text, List<Segment> segments) {

    public PathTemplate {
        segments = List.copyOf(segments);
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static PathTemplate parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) != '/') {
            throw new IllegalArgumentException("must start with '/'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '?' || c == '#') {
                throw new IllegalArgumentException("must not contain spaces, control characters, '?' or '#'");
            }
        }
        String trimmed = text.length() > 1 && text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (trimmed.length() > 1) {
            for (String segment : trimmed.substring(1).split("/", -1)) {
                if (segment.isEmpty()) {
                    throw new IllegalArgumentException("must not contain an empty segment ('//')");
                }
                Segment parsed = Segment.parse(segment);
                for (Part part : parsed.parts()) {
                    if (part instanceof Parameter parameter && !names.add(parameter.name())) {
                        throw new IllegalArgumentException("names parameter {" + parameter.name() + "} twice");
                    }
                }
                segments.add(parsed);
            }
        }
        return new PathTemplate(text, segments);
    }

    /** The template with its parameter names erased: templates of one shape match the same paths. */
    public String shape() {
        StringBuilder shape = new StringBuilder();
        for (Segment segment : segments) {
            shape.append('/');
            for (Part part : segment.parts()) {
                shape.append(part instanceof Literal literal ? literal.text() : "{}");
            }
        }
        return shape.isEmpty() ? "/" : shape.toString();
    }

    /** One segment: literal text and parameters, never two parameters side by side. */
    public record Segment(List<Part> parts) {

        public Segment {
            parts = List.copyOf(parts);
        }

        static Segment parse(String segment) {
            List<Part> parts = new ArrayList<>();
            int i = 0;
            while (i < segment.length()) {
                int open = segment.indexOf('{', i);
                int close = segment.indexOf('}', i);
                if (close >= 0 && (open < 0 || close < open)) {
                    throw new IllegalArgumentException("has a '}' without its '{'");
                }
                if (open < 0) {
                    parts.add(new Literal(segment.substring(i)));
                    break;
                }
                if (open > i) {
                    parts.add(new Literal(segment.substring(i, open)));
                }
                if (close < 0) {
                    throw new IllegalArgumentException("has a '{' without its '}'");
                }
                String name = segment.substring(open + 1, close);
                if (name.isEmpty() || name.indexOf('{') >= 0) {
                    throw new IllegalArgumentException("has an unnamed or nested parameter");
                }
                if (!parts.isEmpty() && parts.getLast() instanceof Parameter) {
                    throw new IllegalArgumentException("has two parameters with no text between them");
                }
                parts.add(new Parameter(name));
                i = close + 1;
            }
            return new Segment(parts);
        }

        /** The whole segment is one literal. */
        public boolean isLiteral() {
            return parts.size() == 1 && parts.getFirst() instanceof Literal;
        }

        /** The whole segment is one parameter. */
        public boolean isParameter() {
            return parts.size() == 1 && parts.getFirst() instanceof Parameter;
        }
    }

    /** A piece of a segment. */
    public sealed interface Part permits Literal, Parameter {
    }

    public record Literal(String text) implements Part {
    }

    public record Parameter(String name) implements Part {
    }
}
