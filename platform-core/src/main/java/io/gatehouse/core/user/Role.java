package io.gatehouse.core.user;

/** What a console user may do. An {@code ADMIN} may do everything. */
public enum Role {
    ADMIN, PUBLISHER, DEVELOPER, BILLING
}
