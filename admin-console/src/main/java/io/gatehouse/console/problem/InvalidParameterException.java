package io.gatehouse.console.problem;

/** A query parameter that is missing or unusable. Maps to 400 with {@code errors: [{parameter, detail}]}. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
