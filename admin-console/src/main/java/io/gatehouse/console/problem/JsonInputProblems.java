package io.gatehouse.console.problem;

import io.gatehouse.core.error.FieldProblem;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns a body Jackson could not read into a problem naming the field at fault, where Jackson knows it. */
final class JsonInputProblems {

    private JsonInputProblems() {
    }

    static ProblemDetail from(HttpMessageNotReadableException exception) {
        Throwable cause = exception.getCause();
        if (cause == null) {
            return Problems.invalidInput("the request needs a JSON body", List.of(new FieldProblem("", "a body is required")));
        }
        if (cause instanceof StreamReadException || !(cause instanceof JacksonException jackson)) {
            return Problems.of(HttpStatus.BAD_REQUEST, Problems.MALFORMED_REQUEST, "Malformed request", "the body is not valid JSON");
        }
        String pointer = pointer(jackson.getPath());
        String detail = cause instanceof MismatchedInputException mismatch ? expectation(mismatch.getTargetType()) : "has an unusable value";
        return Problems.invalidInput("the request has invalid fields", List.of(new FieldProblem(pointer, detail)));
    }

    static String pointer(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            pointer.append('/');
            if (reference.getPropertyName() != null) {
                pointer.append(reference.getPropertyName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == UUID.class) {
            return "must be an id (a UUID)";
        }
        if (type == Instant.class || TemporalAccessor.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 timestamp such as 2026-11-01T00:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }
}
