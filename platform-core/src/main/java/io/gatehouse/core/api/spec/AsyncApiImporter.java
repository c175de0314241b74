package io.gatehouse.core.api.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.ChannelAddress;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.api.operation.PathTemplate;
import io.gatehouse.core.api.spec.AsyncApiDocument.ReadChannel;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Imports AsyncAPI 2.6 and 3.0 documents as EVENT APIs: {@code info} gives name, version and
 * description; every channel becomes a channel with its address, parameters and messages (payload
 * schemas made self-contained), and what consumers may do on it comes from the document's operations
 * ({@link AsyncApi2Channels}, {@link AsyncApi3Channels}).
 *
 * <p>In order, each step reporting every problem it finds before the import stops: the version;
 * references outside the document (refused, never fetched) and the official JSON Schema of the
 * version ({@link AsyncApiSchemas}); references inside the document that lead nowhere; then what the
 * schema cannot say: an operation naming no channel of {@code channels}, an address the gateway cannot
 * serve as a path, a parameter the address does not have, two channels served at the same path.
 */
@Component
@Order(1)
public class AsyncApiImporter implements SpecImporter {

    private static final Set<String> DATA;

    static {
        Set<String> data = new HashSet<>(ExternalReferences.DATA);
        data.add("examples");
        DATA = Set.copyOf(data);
    }

    @Override
    public SpecFormat format() {
        return SpecFormat.ASYNCAPI;
    }

    @Override
    public boolean reads(SpecDocument document) {
        return document.declares("asyncapi");
    }

    @Override
    public ImportedApi read(SpecDocument document) {
        JsonNode root = document.tree();
        JsonNode version = root.get("asyncapi");
        boolean version3 = version.isTextual() && version.asText().equals("3.0.0");
        if (!version3 && !(version.isTextual() && version.asText().equals("2.6.0"))) {
            throw new InvalidInputException("/asyncapi", "must be \"2.6.0\" or \"3.0.0\"; was " + version
                    + " (a document of an earlier 2.x version reads as 2.6.0)");
        }
        List<FieldProblem> problems = new ArrayList<>();
        ExternalReferences.find(root, "", DATA, problems);
        AsyncApiSchemas.validate(root, version3).stream().filter(problem -> !problems.contains(problem)).forEach(problems::add);
        requireNone(problems);
        AsyncApiDocument asyncApi = new AsyncApiDocument(root, problems);
        asyncApi.references.checkAll(DATA);
        requireNone(problems);
        List<ReadChannel> read = version3 ? AsyncApi3Channels.read(asyncApi) : AsyncApi2Channels.read(asyncApi);
        List<ChannelSpec> channels = channels(read, problems);
        requireNone(problems);
        JsonNode info = root.get("info");
        return new ImportedApi(ApiType.EVENT, info.get("title").asText().strip(), info.get("version").asText().strip(),
                AsyncApiDocument.text(info.get("description"), AsyncApiDocument.MAX_TEXT), List.of(), channels);
    }

    private static List<ChannelSpec> channels(List<ReadChannel> read, List<FieldProblem> problems) {
        List<ChannelSpec> channels = new ArrayList<>();
        Map<String, String> shapes = new HashMap<>();
        for (ReadChannel channel : read) {
            PathTemplate path;
            try {
                path = ChannelAddress.path(channel.address());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(channel.addressPointer(), e.getMessage()));
                continue;
            }
            List<String> names = ChannelAddress.parameterNames(path);
            channel.parameters().stream().filter(parameter -> !names.contains(parameter.name())).forEach(parameter -> problems.add(
                    new FieldProblem(Pointers.child(channel.pointer() + "/parameters", parameter.name()),
                            "is not a parameter of the channel's address " + channel.address())));
            String twin = shapes.putIfAbsent(path.shape(), channel.addressPointer());
            if (twin != null) {
                problems.add(new FieldProblem(channel.addressPointer(), "is served at the same path as " + twin + " (" + path.text()
                        + "; addresses differing only in parameter names, or URIs with the same path, are the same)"));
            }
            channels.add(new ChannelSpec(channel.name(), channel.address(), channel.description(), channel.directions(),
                    channel.parameters(), channel.messages()));
        }
        return channels;
    }

    private static void requireNone(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
