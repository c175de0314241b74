package io.gatehouse.console.problem;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The RFC 9457 problems of the management API. Each kind has a stable {@code type} URI,
 * {@code https://gatehouse.dev/problems/<kind>}, that clients may switch on; titles and details
 * are for people and may change.
 */
public final class Problems {

    public static final String BASE = "https://gatehouse.dev/problems/";

    public static final String INVALID_INPUT = "invalid-input";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String METHOD_NOT_ALLOWED = "method-not-allowed";
    public static final String NOT_ACCEPTABLE = "not-acceptable";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String INTERNAL_ERROR = "internal-error";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String kind, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + kind));
        problem.setTitle(title);
        return problem;
    }

    /** A 400 whose {@code errors} list each field ({@code pointer}) or query parameter ({@code parameter}) at fault. */
    public static ProblemDetail invalidInput(String detail, List<?> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid input", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The kind for a status the handlers have no finer name for. */
    static String kindOf(int status) {
        return switch (status) {
            case 400 -> INVALID_INPUT;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> "payload-too-large";
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }
}
