package io.gatehouse.gateway.event.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A channel's name at its source (a topic, a routing key) with the channel's {@code {parameters}}:
 * {@code smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured}. It is filled in
 * with a path's values to name one topic, and read back from a topic to find the values.
 */
public final class NameTemplate {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^{}]+)}");

    private final String text;
    private final List<String> parameters;
    private final Pattern pattern;

    private NameTemplate(String text) {
        this.text = text;
        List<String> names = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher matcher = PARAMETER.matcher(text);
        int at = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(text.substring(at, matcher.start()))).append("(.+?)");
            names.add(matcher.group(1));
            at = matcher.end();
        }
        regex.append(Pattern.quote(text.substring(at))).append('$');
        this.parameters = List.copyOf(names);
        this.pattern = Pattern.compile(regex.toString());
    }

    public static NameTemplate of(String text) {
        return new NameTemplate(text);
    }

    public String text() {
        return text;
    }

    public List<String> parameters() {
        return parameters;
    }

    /** Whether the name holds every one of {@code channelParameters}: then each concrete name is one channel path. */
    public boolean carries(Collection<String> channelParameters) {
        return parameters.containsAll(channelParameters);
    }

    /** The name with {@code values} put in; a parameter without a value stays as it is. */
    public String fill(Map<String, String> values) {
        return fill(values, UnaryOperator.identity());
    }

    /** The name with {@code values} put in, each passed through {@code escape} first. */
    public String fill(Map<String, String> values, UnaryOperator<String> escape) {
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? matcher.group() : escape.apply(value)));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** The values a concrete name holds, by parameter, or null when it is not a name of this template. */
    public Map<String, String> match(String name) {
        Matcher matcher = pattern.matcher(name);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            String value = matcher.group(i + 1);
            String earlier = values.putIfAbsent(parameters.get(i), value);
            if (earlier != null && !earlier.equals(value)) {
                return null;
            }
        }
        return values;
    }

    /**
     * A subscription filter for every name of this template: each level (the text between
     * {@code separator}s) that holds a parameter becomes {@code wildcard}.
     */
    public String filter(char separator, String wildcard) {
        String[] levels = text.split(Pattern.quote(String.valueOf(separator)), -1);
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                filter.append(separator);
            }
            filter.append(PARAMETER.matcher(levels[i]).find() ? wildcard : levels[i]);
        }
        return filter.toString();
    }

    /** A regular expression of every name of this template, each parameter standing for {@code valueRegex}. */
    public String regex(String valueRegex) {
        Matcher matcher = PARAMETER.matcher(text);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(text.substring(at, matcher.start()))).append(valueRegex);
            at = matcher.end();
        }
        return regex.append(Pattern.quote(text.substring(at))).toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
