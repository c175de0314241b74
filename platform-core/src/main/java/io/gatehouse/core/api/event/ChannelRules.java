package io.gatehouse.core.api.event;

import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.error.FieldProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a channel keeps beyond its fields' own: an address the gateway can serve, parameters that
 * are the address's, messages with distinct names; and, among the channels of one API, distinct names
 * and distinct paths.
 */
final class ChannelRules {

    private ChannelRules() {
    }

    /**
     * {@code spec} with its parameters completed from its address (in the address's order), or null
     * when it breaks a rule; the problems are added with pointers under {@code pointer}.
     */
    static Checked check(ChannelSpec spec, String pointer, List<FieldProblem> problems) {
        if (spec == null || spec.address() == null || spec.address().isBlank()) {
            return null;
        }
        PathTemplate path;
        try {
            path = ChannelAddress.path(spec.address());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(pointer + "/address", e.getMessage()));
            return null;
        }
        int before = problems.size();
        List<String> names = ChannelAddress.parameterNames(path);
        Map<String, ChannelParameter> described = new HashMap<>();
        List<ChannelParameter> declared = spec.parameters() == null ? List.of() : spec.parameters();
        for (int i = 0; i < declared.size(); i++) {
            ChannelParameter parameter = declared.get(i);
            if (parameter == null || parameter.name() == null) {
                continue;
            }
            if (!names.contains(parameter.name())) {
                problems.add(new FieldProblem(pointer + "/parameters/" + i + "/name", "is not a parameter of the address " + spec.address()));
            } else if (described.putIfAbsent(parameter.name(), parameter) != null) {
                problems.add(new FieldProblem(pointer + "/parameters/" + i + "/name", "is described twice"));
            }
        }
        Set<String> messageNames = new HashSet<>();
        List<ChannelMessage> messages = spec.messages() == null ? List.of() : spec.messages();
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i) != null && messages.get(i).name() != null && !messageNames.add(messages.get(i).name())) {
                problems.add(new FieldProblem(pointer + "/messages/" + i + "/name", "is the name of another message of this channel"));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        List<ChannelParameter> parameters = names.stream()
                .map(name -> described.getOrDefault(name, new ChannelParameter(name, null, null))).toList();
        return new Checked(new ChannelSpec(spec.nameOrAddress(), spec.address(), spec.description(), spec.directionsOrDefault(),
                parameters, messages), path);
    }

    /** Problems of channels that clash within one API: a name or a path taken twice. */
    static void distinct(List<Checked> channels, List<String> pointers, List<FieldProblem> problems) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> shapes = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) {
            Checked channel = channels.get(i);
            if (channel == null) {
                continue;
            }
            Integer twin = names.putIfAbsent(channel.spec().name(), i);
            if (twin != null) {
                problems.add(new FieldProblem(pointers.get(i), "is named " + channel.spec().name() + ", like " + pointers.get(twin)));
            }
            twin = shapes.putIfAbsent(channel.path().shape(), i);
            if (twin != null) {
                problems.add(new FieldProblem(pointers.get(i), "is served at the same path as " + pointers.get(twin) + " ("
                        + channel.path().text() + "; addresses differing only in parameter names are the same)"));
            }
        }
    }

    /** A channel that keeps the rules, and the path template it is served at. */
    record Checked(ChannelSpec spec, PathTemplate path) {
    }

    static List<Checked> all(List<ChannelSpec> specs, String pointer, List<FieldProblem> problems) {
        List<Checked> checked = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            checked.add(check(specs.get(i), pointer + "/" + i, problems));
            pointers.add(pointer + "/" + i);
        }
        distinct(checked, pointers, problems);
        return checked;
    }
}
