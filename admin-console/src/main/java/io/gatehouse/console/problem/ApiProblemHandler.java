package io.gatehouse.console.problem;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.error.UnsupportedContentException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every failure of a request under {@code /api/} with an RFC 9457 problem. Failures of other
 * requests (console, portal) are rethrown untouched, to whatever handles them there.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInputException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        return respond(Problems.invalidInput("the request has invalid fields", exception.problems()));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        return respond(parameterProblem(exception.parameter(), exception.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        return respond(JsonInputProblems.from(exception));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        if (exception.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return respond(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", "no resource at " + request.getRequestURI()));
        }
        String type = exception.getRequiredType() == null ? "value" : exception.getRequiredType().getSimpleName();
        return respond(parameterProblem(exception.getName(), "is not a valid " + type));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        return respond(parameterProblem(exception.getParameterName(), "is required"));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        return respond(Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found", exception.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict", exception.getMessage());
        if (exception.pointer() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(exception.pointer(), exception.getMessage())));
        }
        return respond(problem);
    }

    @ExceptionHandler(UnsupportedContentException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedContentException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        ProblemDetail problem = Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", exception.getMessage());
        problem.setProperty("errors", List.of(new FieldProblem(exception.pointer(), exception.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        log.debug("Integrity violation on {} {}", request.getMethod(), request.getRequestURI(), exception);
        return respond(Problems.of(HttpStatus.CONFLICT, Problems.CONFLICT, "Conflict",
                "the change conflicts with existing data (a duplicate, or a reference still in use)"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        return respond(Problems.of(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, "Forbidden", "your roles do not allow this"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception, HttpServletRequest request) throws Exception {
        requireApi(request, exception);
        if (exception instanceof ErrorResponse known) {
            int status = known.getStatusCode().value();
            ProblemDetail problem = Problems.of(HttpStatus.valueOf(status), Problems.kindOf(status),
                    HttpStatus.valueOf(status).getReasonPhrase(), known.getBody().getDetail());
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(known.getHeaders());
            headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(problem, headers, status);
        }
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), exception);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR, "Internal error",
                "the server failed to handle the request; the failure is logged"));
    }

    private static ProblemDetail parameterProblem(String parameter, String detail) {
        return Problems.invalidInput("query parameter " + parameter + " " + detail, List.of(new ParameterProblem(parameter, detail)));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void requireApi(HttpServletRequest request, Exception exception) throws Exception {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            throw exception;
        }
    }
}
