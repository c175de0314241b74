package io.gatehouse.core.api.operation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** OAuth 2.0 scope names (RFC 6749 §3.3): printable ASCII without spaces, '"' or '\'. */
public final class Scopes {

    /** One scope-token: {@code 1*( %x21 / %x23-5B / %x5D-7E )}. */
    public static final String SCOPE_TOKEN = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";
    static final String SCOPE_TOKEN_MESSAGE = "must be an OAuth scope: printable ASCII without spaces, '\"' or '\\'";

    private Scopes() {
    }

    public static boolean isScope(String scope) {
        return scope != null && scope.matches(SCOPE_TOKEN);
    }

    /** The distinct scopes of {@code scopes} in their first order; null counts as none. */
    static List<String> distinct(List<String> scopes) {
        return scopes == null ? List.of() : List.copyOf(new ArrayList<>(new LinkedHashSet<>(scopes)));
    }
}
