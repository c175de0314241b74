package io.gatehouse.core.process;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a Gatehouse process runs, from {@code GATEHOUSE_ROLES} (property {@code gatehouse.roles}):
 * {@code all} (the default) runs both; {@code control-plane} the console, portal and management API;
 * {@code gateway} only the data plane.
 */
public enum ProcessRole {
    CONTROL_PLANE, GATEWAY;

    public static final String PROPERTY = "gatehouse.roles";

    /** Parses a comma-separated role list; {@code all} or blank means every role. */
    public static Set<ProcessRole> parse(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("all")) {
            return EnumSet.allOf(ProcessRole.class);
        }
        EnumSet<ProcessRole> roles = EnumSet.noneOf(ProcessRole.class);
        for (String part : value.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.equals("ALL")) {
                return EnumSet.allOf(ProcessRole.class);
            }
            try {
                roles.add(ProcessRole.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GATEHOUSE_ROLES: unknown role '" + part.strip()
                        + "'; use all, control-plane or gateway (" + Arrays.toString(values()) + ")");
            }
        }
        return roles;
    }
}
