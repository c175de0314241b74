package io.gatehouse.core.error;

/** One invalid field of an input, named by its JSON pointer (RFC 6901), e.g. {@code /rateLimits/0/period}. */
public record FieldProblem(String pointer, String detail) {
}
