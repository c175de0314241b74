package io.gatehouse.core.api.event;

import io.gatehouse.core.api.operation.PathTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the gateway serves a channel, from the channel's address: the address below the API's
 * context, {@code lights/measured} at {@code {context}/lights/measured}. A leading '/' is optional
 * ({@code /rooms/{roomId}} and {@code rooms/{roomId}} are served at the same path); an address that is
 * an absolute URI ({@code https://example.com/books/{id}}, Mercure topics) is served at its path
 * ({@code /books/{id}}). Parameters are those of a {@link PathTemplate}: {@code {name}} stands for a
 * non-empty piece of one segment, alone or with text ({@code lights.{id}.measured}).
 */
public final class ChannelAddress {

    private static final Pattern ABSOLUTE_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

    private ChannelAddress() {
    }

    /** The path template of {@code address} below the API's context; throws {@link IllegalArgumentException} saying why it has none. */
    public static PathTemplate path(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String path = address;
        if (ABSOLUTE_URI.matcher(address).matches()) {
            int authority = address.indexOf("://") + 3;
            int slash = address.indexOf('/', authority);
            path = slash < 0 ? "/" : address.substring(slash);
        } else if (path.charAt(0) != '/') {
            path = "/" + path;
        }
        try {
            return PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not usable as a path below the API's context (" + path + "): " + e.getMessage());
        }
    }

    /** The names of the parameters of {@code template}, in order. */
    public static List<String> parameterNames(PathTemplate template) {
        List<String> names = new ArrayList<>();
        for (PathTemplate.Segment segment : template.segments()) {
            for (PathTemplate.Part part : segment.parts()) {
                if (part instanceof PathTemplate.Parameter parameter) {
                    names.add(parameter.name());
                }
            }
        }
        return names;
    }
}
