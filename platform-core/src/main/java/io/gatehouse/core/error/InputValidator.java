package io.gatehouse.core.error;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Validates service inputs with Bean Validation and turns violations into {@link FieldProblem}s whose
 * pointers follow the JSON shape of the input. Services call it, so the console and the REST API
 * share one set of rules.
 */
@Component
public class InputValidator {

    private final Validator validator;

    public InputValidator(Validator validator) {
        this.validator = validator;
    }

    /** Throws {@link InvalidInputException} listing every violation of {@code input} plus {@code extra}. */
    public void check(Object input, List<FieldProblem> extra) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input == null) {
            problems.add(new FieldProblem("", "a body is required"));
        } else {
            for (ConstraintViolation<Object> violation : validator.validate(input)) {
                problems.add(new FieldProblem(pointer(violation.getPropertyPath()), violation.getMessage()));
            }
        }
        problems.addAll(extra);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(FieldProblem::pointer));
            throw new InvalidInputException(problems);
        }
    }

    public void check(Object input) {
        check(input, List.of());
    }

    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                pointer.append('/').append(node.getIndex() != null ? node.getIndex() : node.getKey());
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                pointer.append('/').append(name);
            }
        }
        return pointer.toString();
    }
}
