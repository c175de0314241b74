package io.gatehouse.console.problem;

/** One invalid query or path parameter of a request, named as it appears in the URL. */
public record ParameterProblem(String parameter, String detail) {
}
