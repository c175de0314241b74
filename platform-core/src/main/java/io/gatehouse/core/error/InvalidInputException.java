package io.gatehouse.core.error;

import java.util.List;

/** An input broke one or more rules; each broken rule names its field. Maps to 400. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.pointer() + ": " + p.detail()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String pointer, String detail) {
        this(List.of(new FieldProblem(pointer, detail)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
