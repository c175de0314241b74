package io.gatehouse.console.problem;

import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;

/** A query parameter that is missing or unusable. Maps to 400 with {@code errors: [{parameter, detail}]}. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    /** A service's refusal of its inputs, which it names as pointers ({@code /from}), as query parameters ({@code from}). */
    public static InvalidParameterException of(InvalidInputException refused) {
        FieldProblem problem = refused.problems().getFirst();
        return new InvalidParameterException(problem.pointer().replaceFirst("^/", ""), problem.detail());
    }

    public String parameter() {
        return parameter;
    }
}
