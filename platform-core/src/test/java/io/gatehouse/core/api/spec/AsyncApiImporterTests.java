package io.gatehouse.core.api.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelMessage;
import io.gatehouse.core.api.event.ChannelParameter;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The AsyncAPI importer on the specification's own examples (test resources {@code asyncapi/}, see SOURCES.md there) and on broken documents. */
class AsyncApiImporterTests {

    static final List<String> EXAMPLES = List.of("streetlights-kafka", "streetlights-mqtt", "streetlights-operation-security",
            "websocket-gemini", "slack-rtm", "gitter-streaming", "mercure", "simple", "anyof", "oneof", "not", "application-headers",
            "correlation-id", "operation-security", "rpc-client", "rpc-server");

    private final AsyncApiImporter importer = new AsyncApiImporter();

    static Stream<String> examples() {
        return EXAMPLES.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleImportsInBothVersionsWithTheSameChannelsAndDirections(String example) {
        ImportedApi v2 = read("2.6/" + example + ".yml");
        ImportedApi v3 = read("3.0/" + example + "-asyncapi.yml");

        assertThat(v2.type()).isEqualTo(ApiType.EVENT);
        assertThat(v3.type()).isEqualTo(ApiType.EVENT);
        assertThat(v2.operations()).isEmpty();
        assertThat(v2.channels()).isNotEmpty();
        assertThat(v3.name()).isEqualTo(v2.name());
        assertThat(directionsByAddress(v3)).isEqualTo(directionsByAddress(v2));
        assertThat(v3.channels()).allSatisfy(channel -> assertThat(channel.messages()).isNotEmpty());
    }

    @Test
    void streetlightsOverMqttHaveParametersMessagesAndSelfContainedPayloads() {
        ImportedApi api = read("3.0/streetlights-mqtt-asyncapi.yml");

        assertThat(api.name()).isEqualTo("Streetlights MQTT API");
        assertThat(api.version()).isEqualTo("1.0.0");
        assertThat(api.description()).startsWith("The Smartylighting Streetlights API");
        ChannelSpec measured = channel(api, "lightingMeasured");
        assertThat(measured.address()).isEqualTo("smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured");
        assertThat(measured.directions()).containsExactly(ChannelDirection.PUBLISH);
        assertThat(measured.parameters()).extracting(ChannelParameter::name, ChannelParameter::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("streetlightId", "The ID of the streetlight."));
        ChannelMessage message = measured.messages().getFirst();
        assertThat(message.name()).isEqualTo("lightMeasured");
        assertThat(message.contentType()).isEqualTo("application/json");
        assertThat(message.payload()).isEqualTo(Map.of(
                "type", "object",
                "properties", Map.of(
                        "lumens", Map.of("type", "integer", "minimum", 0, "description", "Light intensity measured in lumens."),
                        "sentAt", Map.of("$ref", "#/definitions/sentAt")),
                "definitions", Map.of("sentAt", Map.of("type", "string", "format", "date-time",
                        "description", "Date and time when the message was sent."))));
        assertThat(channel(api, "lightTurnOn").directions()).containsExactly(ChannelDirection.SUBSCRIBE);
    }

    @Test
    void version2ChannelsAreNamedByTheirAddressAndCarryTheMessagesOfBothOperations() {
        ImportedApi mercure = read("2.6/mercure.yml");

        ChannelSpec books = channel(mercure, "https://example.com/books/{id}");
        assertThat(books.directions()).containsExactly(ChannelDirection.SUBSCRIBE, ChannelDirection.PUBLISH);
        assertThat(books.messages()).extracting(ChannelMessage::name).containsExactly("book");
        assertThat(books.parameters()).extracting(ChannelParameter::name).containsExactly("id");

        ImportedApi kafka = read("2.6/streetlights-kafka.yml");
        assertThat(channel(kafka, "smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured").parameters().getFirst().schema())
                .isEqualTo(Map.of("type", "string"));
        Object turnOn = channel(kafka, "smartylighting.streetlights.1.0.action.{streetlightId}.turn.on").messages().getFirst().payload();
        assertThat(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) turnOn).get("properties")).get("command")).get("enum"))
                .as("YAML 1.2: unquoted on and off are strings").isEqualTo(List.of("on", "off"));
    }

    @Test
    void aJsonDocumentReadsLikeItsYamlTwin() throws IOException {
        byte[] yaml = resource("3.0/streetlights-kafka-asyncapi.yml");
        byte[] json = new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml));

        ImportedApi fromJson = importer.read(SpecDocument.parse(json, SpecSyntax.JSON));

        assertThat(fromJson).isEqualTo(importer.read(SpecDocument.parse(yaml, SpecSyntax.YAML)));
    }

    @Test
    void anInvalidDocumentListsEachSchemaProblemWithItsPointer() {
        List<String> problems = problems("""
                asyncapi: 3.0.0
                info:
                  title: Broken
                channels:
                  lights:
                    address: 'lights/{id}'
                    colour: red
                    messages:
                      measured:
                        contentType: 7
                        payload: {type: object}
                operations:
                  watch:
                    action: push
                    channel: {$ref: '#/channels/lights'}
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "/info/version: is required",
                "/channels/lights/colour: is not a field of this object (extensions start with 'x-')",
                "/channels/lights/messages/measured/contentType: integer found, string expected",
                "/operations/watch/action: does not have a value in the enumeration [\"send\", \"receive\"]");
    }

    @Test
    void version2SchemaProblemsArePointedAtToo() {
        List<String> problems = problems("""
                asyncapi: '2.6.0'
                info: {title: Broken, version: '1'}
                channels:
                  lights/measured:
                    subscribe:
                      message:
                        payload: {type: strin}
                    publish: 5
                """);

        assertThat(problems).contains("/channels/lights~1measured/publish: integer found, object expected");
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("/channels/lights~1measured/subscribe/message/payload/type: "));
        assertThat(problems).noneSatisfy(problem -> assertThat(problem).contains("$ref"));
    }

    @Test
    void externalReferencesAreRefusedAtOnceWithoutBeingFetched() {
        long started = System.nanoTime();

        List<String> problems = problems("""
                asyncapi: 3.0.0
                info: {title: Remote, version: '1'}
                channels:
                  lights:
                    address: lights
                    messages:
                      measured: {$ref: 'http://10.255.255.1/messages.yaml#/measured'}
                      dimmed:
                        payload: {$ref: './schemas/dimmed.json'}
                """);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).startsWith("/channels/lights/messages/measured/$ref: refers outside the document"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("/channels/lights/messages/dimmed/payload/$ref: refers outside the document"));
    }

    @Test
    void referencesToNothingAndCyclesArePointedAt() {
        assertThat(problems("""
                asyncapi: 3.0.0
                info: {title: Dangling, version: '1'}
                channels:
                  lights:
                    address: lights
                    messages:
                      measured: {$ref: '#/components/messages/missing'}
                """)).containsExactly("/channels/lights/messages/measured/$ref: refers to #/components/messages/missing, which is not in the document");

        assertThat(problems("""
                asyncapi: 3.0.0
                info: {title: Cycle, version: '1'}
                channels:
                  lights:
                    address: lights
                    messages:
                      measured: {$ref: '#/components/messages/a'}
                components:
                  messages:
                    a: {$ref: '#/components/messages/b'}
                    b: {$ref: '#/components/messages/a'}
                """)).containsExactly("/components/messages/b/$ref: is a chain of references that comes back to #/components/messages/a");
    }

    @Test
    void recursivePayloadSchemasStayRecursive() {
        ImportedApi api = read("""
                asyncapi: 3.0.0
                info: {title: Trees, version: '1'}
                channels:
                  trees:
                    address: trees
                    messages:
                      tree:
                        payload: {$ref: '#/components/schemas/node'}
                components:
                  schemas:
                    node:
                      type: object
                      properties:
                        children: {type: array, items: {$ref: '#/components/schemas/node'}}
                """);

        assertThat(api.channels().getFirst().messages().getFirst().payload()).isEqualTo(Map.of(
                "type", "object",
                "properties", Map.of("children", Map.of("type", "array", "items", Map.of("$ref", "#/definitions/node"))),
                "definitions", Map.of("node", Map.of("type", "object",
                        "properties", Map.of("children", Map.of("type", "array", "items", Map.of("$ref", "#/definitions/node")))))));
    }

    @Test
    void whatTheSchemaCannotSayIsCheckedAfterwards() {
        List<String> problems = problems("""
                asyncapi: 3.0.0
                info: {title: Clashes, version: '1'}
                channels:
                  byId:
                    address: 'lights/{id}'
                    parameters:
                      id: {description: the light}
                      colour: {description: not in the address}
                  byName:
                    address: 'lights/{name}'
                  hash:
                    address: 'lights/#'
                operations:
                  watch:
                    action: send
                    channel: {$ref: '#/components/channels/elsewhere'}
                components:
                  channels:
                    elsewhere: {address: elsewhere}
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "/channels/byId/parameters/colour: is not a parameter of the channel's address lights/{id}",
                "/channels/byName/address: is served at the same path as /channels/byId/address (/lights/{name}; "
                        + "addresses differing only in parameter names, or URIs with the same path, are the same)",
                "/channels/hash/address: is not usable as a path below the API's context (/lights/#): "
                        + "must not contain spaces, control characters, '?' or '#'",
                "/operations/watch/channel/$ref: must refer to a channel of the document's channels (#/channels/<name>)");
    }

    @Test
    void aChannelWithoutOperationsAllowsNothingAndAnAbsentAddressIsTheKey() {
        ImportedApi api = read("""
                asyncapi: 3.0.0
                info: {title: Quiet, version: '1'}
                channels:
                  quiet: {}
                """);

        assertThat(api.channels()).singleElement().satisfies(channel -> {
            assertThat(channel.address()).isEqualTo("quiet");
            assertThat(channel.directions()).isEmpty();
        });
    }

    @Test
    void onlyVersions260And300AreRead() {
        assertThat(problems("asyncapi: 2.5.0\ninfo: {title: Old, version: '1'}\nchannels: {}\n"))
                .containsExactly("/asyncapi: must be \"2.6.0\" or \"3.0.0\"; was \"2.5.0\" (a document of an earlier 2.x version reads as 2.6.0)");
    }

    private static Map<String, List<ChannelDirection>> directionsByAddress(ImportedApi api) {
        return api.channels().stream().collect(Collectors.toMap(ChannelSpec::address, ChannelSpec::directions));
    }

    private static ChannelSpec channel(ImportedApi api, String name) {
        return api.channels().stream().filter(channel -> channel.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + name + " in " + api.channels()));
    }

    private ImportedApi read(String resourceOrDocument) {
        byte[] document = resourceOrDocument.contains("\n") ? resourceOrDocument.getBytes(StandardCharsets.UTF_8) : resource(resourceOrDocument);
        return importer.read(SpecDocument.parse(document, SpecSyntax.YAML));
    }

    private List<String> problems(String document) {
        try {
            read(document);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(problem -> problem.pointer() + ": " + problem.detail()).toList();
        }
        throw new AssertionError("the document was accepted");
    }

    static byte[] resource(String name) {
        try (InputStream in = AsyncApiImporterTests.class.getResourceAsStream("/asyncapi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
