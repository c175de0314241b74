package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.gatehouse.core.error.FieldProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Validates AsyncAPI documents against the official JSON Schemas (2.6.0 and 3.0.0, in this package's
 * resources, loaded once; the variants without {@code $id}, so that nothing is ever fetched), and turns
 * the validator's errors into problems a person can act on.
 *
 * <p>The schemas offer alternatives everywhere ({@code oneOf}: a Reference Object or the object
 * itself, a message or {@code oneOf} messages…), and a validator reports why each alternative failed.
 * Only the alternative the author most likely meant is kept: never "add a {@code $ref}" when the
 * object has none, else the one whose errors lie deepest in the document (it matched furthest), then
 * the one with the fewest errors.
 */
final class AsyncApiSchemas {

    static final int MAX_PROBLEMS = 100;

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ALTERNATIVES = Set.of("oneOf", "anyOf");

    private AsyncApiSchemas() {
    }

    private static final class Loaded {
        static final Schema V2_6 = load("asyncapi-2.6.0-without-id.json");
        static final Schema V3_0 = load("asyncapi-3.0.0-without-id.json");

        private static Schema load(String name) {
            try (InputStream in = AsyncApiSchemas.class.getResourceAsStream("asyncapi/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource asyncapi/" + name);
                }
                Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(JSON.readTree(in));
                schema.initializeValidators();
                return schema;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The problems of {@code document} against the schema of its major version (2 or 3). */
    static List<FieldProblem> validate(JsonNode document, boolean version3) {
        List<Error> errors = (version3 ? Loaded.V3_0 : Loaded.V2_6).validate(document);
        List<Entry> entries = new ArrayList<>();
        for (Error error : errors) {
            entries.add(new Entry(error, path(error.getEvaluationPath())));
        }
        entries.sort(Comparator.comparing(Entry::evaluationPath));
        boolean[] removed = keepLikelyAlternatives(entries, document);
        Set<FieldProblem> problems = new LinkedHashSet<>();
        List<Entry> kept = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!removed[i]) {
                kept.add(entries.get(i));
            }
        }
        kept.sort(Comparator.comparing(entry -> pointer(entry.error.getInstanceLocation())));
        kept.forEach(entry -> problems.add(problem(entry.error)));
        List<FieldProblem> listed = new ArrayList<>(problems);
        if (listed.size() > MAX_PROBLEMS) {
            int more = listed.size() - MAX_PROBLEMS;
            listed = new ArrayList<>(listed.subList(0, MAX_PROBLEMS));
            listed.add(new FieldProblem("", "and " + more + " more problems"));
        }
        return listed;
    }

    private record Entry(Error error, String evaluationPath) {
    }

    /**
     * Marks the errors to drop: of each failed alternative ({@code oneOf}, {@code anyOf}), the errors
     * of every branch but the likely one, and the alternative's own error when a branch is kept.
     * {@code entries} are sorted by evaluation path, so the errors below one path are one range.
     */
    private static boolean[] keepLikelyAlternatives(List<Entry> entries, JsonNode document) {
        boolean[] removed = new boolean[entries.size()];
        List<Integer> alternatives = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (ALTERNATIVES.contains(entries.get(i).error.getKeyword())) {
                alternatives.add(i);
            }
        }
        alternatives.sort(Comparator.comparingInt(i -> entries.get(i).evaluationPath.length()));
        for (int index : alternatives) {
            if (removed[index]) {
                continue;
            }
            Entry alternative = entries.get(index);
            String prefix = alternative.evaluationPath + "/";
            Map<Integer, List<Integer>> branches = new TreeMap<>();
            for (int i = firstAtOrAfter(entries, prefix); i < entries.size() && entries.get(i).evaluationPath.startsWith(prefix); i++) {
                if (removed[i]) {
                    continue;
                }
                String rest = entries.get(i).evaluationPath.substring(prefix.length());
                int slash = rest.indexOf('/');
                try {
                    branches.computeIfAbsent(Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash)), b -> new ArrayList<>()).add(i);
                } catch (NumberFormatException e) {
                    // not a branch of this alternative
                }
            }
            if (branches.isEmpty()) {
                continue;
            }
            JsonNode options = alternative.error.getSchemaNode();
            options = options == null || options.isArray() ? options : options.get(alternative.error.getKeyword());
            boolean someBranchValid = options != null && options.isArray() && branches.size() < options.size();
            Integer best = someBranchValid ? null : best(branches, entries, instance(document, alternative.error));
            branches.forEach((branch, members) -> {
                if (!branch.equals(best)) {
                    members.forEach(i -> removed[i] = true);
                }
            });
            if (best != null) {
                removed[index] = true;
            }
        }
        return removed;
    }

    private static int firstAtOrAfter(List<Entry> entries, String prefix) {
        int low = 0;
        int high = entries.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (entries.get(middle).evaluationPath.compareTo(prefix) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static Integer best(Map<Integer, List<Integer>> branches, List<Entry> entries, JsonNode instance) {
        boolean hasReference = instance != null && instance.has("$ref");
        return branches.entrySet().stream().min(Comparator
                        .comparing((Map.Entry<Integer, List<Integer>> branch) -> !hasReference && onlyMissesReference(members(branch, entries)))
                        .thenComparing(branch -> -deepest(members(branch, entries)))
                        .thenComparing(branch -> branch.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static List<Entry> members(Map.Entry<Integer, List<Integer>> branch, List<Entry> entries) {
        return branch.getValue().stream().map(entries::get).toList();
    }

    private static boolean onlyMissesReference(List<Entry> branch) {
        return branch.stream().anyMatch(entry -> "required".equals(entry.error.getKeyword()) && "$ref".equals(entry.error.getProperty()));
    }

    private static int deepest(List<Entry> branch) {
        return branch.stream().mapToInt(entry -> entry.error.getInstanceLocation().getNameCount() * 2
                + (entry.error.getProperty() != null ? 1 : 0)).max().orElse(0);
    }

    private static JsonNode instance(JsonNode document, Error error) {
        JsonNode node = error.getInstanceNode();
        return node != null ? node : document.at(pointer(error.getInstanceLocation()));
    }

    private static FieldProblem problem(Error error) {
        String at = pointer(error.getInstanceLocation());
        String property = error.getProperty();
        return switch (error.getKeyword()) {
            case "required" -> new FieldProblem(Pointers.child(at, property), "is required");
            case "additionalProperties" -> new FieldProblem(Pointers.child(at, property),
                    "is not a field of this object (extensions start with 'x-')");
            case "oneOf", "anyOf" -> new FieldProblem(at, "matches none of the forms this field may take; " + error.getMessage());
            default -> new FieldProblem(at, error.getMessage());
        };
    }

    static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer.append('/').append(element instanceof Integer index ? index.toString() : Pointers.escape(String.valueOf(element)));
        }
        return pointer.toString();
    }

    private static String path(NodePath path) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            text.append('/').append(path.getElement(i));
        }
        return text.toString();
    }
}
