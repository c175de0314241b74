package io.gatehouse.console.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.console.ManagementApiTestSupport;
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
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /apis/import} with AsyncAPI documents over real HTTP: the specification's examples
 * (platform-core's test resources {@code asyncapi/}, SOURCES.md there) become EVENT APIs with their
 * channels; broken documents are refused with pointers.
 */
class AsyncApiImportControllerTests extends ManagementApiTestSupport {

    static final List<String> DOCUMENTS = List.of("streetlights-kafka", "streetlights-mqtt", "streetlights-operation-security",
            "websocket-gemini", "slack-rtm", "gitter-streaming", "mercure", "simple", "anyof", "oneof", "not", "application-headers",
            "correlation-id", "operation-security", "rpc-client", "rpc-server").stream()
            .flatMap(name -> Stream.of("2.6/" + name + ".yml", "3.0/" + name + "-asyncapi.yml")).toList();

    @Test
    void everyExampleImportsAsADraftEventApiWithItsChannelsAndComesBackAsImported() {
        for (String document : DOCUMENTS) {
            Reply reply = importDocument(document, "application/yaml", "context=/events-" + unique() + "/v1");

            JsonNode api = reply.expect(201).json();
            assertThat(api.get("type").asString()).as(document).isEqualTo("EVENT");
            assertThat(api.get("state").asString()).isEqualTo("DRAFT");
            assertThat(api.has("operations")).isFalse();
            assertThat(api.get("channels").size()).as(document).isPositive();
            assertThat(api.get("source").get("kind").asString()).isEqualTo("BUILTIN");
            String id = api.get("id").asString();
            assertThat(reply.header("Location")).endsWith("/api/v1/apis/" + id);

            JsonNode stored = admin().get("/api/v1/apis/" + id).expect(200).json();
            assertThat(summary(stored.get("channels"))).isEqualTo(summary(api.get("channels")));
            assertThat(stored.get("source").get("retention").asString()).isEqualTo("P7D");
            Reply spec = admin().get("/api/v1/apis/" + id + "/spec", "*/*").expect(200);
            assertThat(spec.body()).isEqualTo(new String(resource(document), StandardCharsets.UTF_8));
            assertThat(spec.header("Content-Type")).startsWith("application/yaml");
        }
    }

    @Test
    void streetlightsOverMqttHaveChannelsWithParametersPathsMessagesAndDirections() {
        JsonNode api = importDocument("3.0/streetlights-mqtt-asyncapi.yml", "application/vnd.aai.asyncapi+yaml",
                "context=/streetlights-" + unique() + "/v1").expect(201).json();

        Map<String, JsonNode> channels = byName(api.get("channels"));
        assertThat(channels).containsOnlyKeys("lightingMeasured", "lightTurnOn", "lightTurnOff", "lightsDim");
        JsonNode measured = channels.get("lightingMeasured");
        assertThat(measured.get("address").asString()).isEqualTo("smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured");
        assertThat(measured.get("path").asString()).isEqualTo("/smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured");
        assertThat(measured.get("directions").toString()).isEqualTo("[\"PUBLISH\"]");
        assertThat(measured.get("parameters").get(0).get("name").asString()).isEqualTo("streetlightId");
        assertThat(measured.get("parameters").get(0).get("description").asString()).isEqualTo("The ID of the streetlight.");
        JsonNode message = measured.get("messages").get(0);
        assertThat(message.get("name").asString()).isEqualTo("lightMeasured");
        assertThat(message.get("payload").get("properties").get("sentAt").get("$ref").asString()).isEqualTo("#/definitions/sentAt");
        assertThat(message.get("payload").get("definitions").get("sentAt").get("format").asString()).isEqualTo("date-time");
        assertThat(channels.get("lightTurnOn").get("directions").toString()).isEqualTo("[\"SUBSCRIBE\"]");

        String id = api.get("id").asString();
        JsonNode listed = admin().get("/api/v1/apis/" + id + "/channels").expect(200).json();
        assertThat(byName(listed)).containsOnlyKeys(channels.keySet());
        assertThat(admin().get("/api/v1/apis/" + id + "/channels/lightingMeasured").expect(200).json().get("id"))
                .isEqualTo(measured.get("id"));
    }

    @Test
    void aJsonDocumentImportsAndTheSourceMayBeNamedInTheQuery() throws IOException {
        String json = new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(resource("2.6/streetlights-kafka.yml")));

        JsonNode api = send(json, "application/vnd.aai.asyncapi+json",
                "context=/kafka-" + unique() + "/v1&source=KAFKA&bootstrapServers=127.0.0.1:9092").expect(201).json();

        assertThat(api.get("source").get("kind").asString()).isEqualTo("KAFKA");
        assertThat(api.get("source").get("bootstrapServers").asString()).isEqualTo("127.0.0.1:9092");
        assertThat(api.get("channels").size()).isEqualTo(4);
        assertThat(admin().get("/api/v1/apis/" + api.get("id").asString() + "/spec", "*/*").expect(200).header("Content-Type"))
                .startsWith("application/json");

        JsonNode mqtt = importDocument("3.0/streetlights-mqtt-asyncapi.yml", "application/yaml",
                "context=/mqtt-" + unique() + "/v1&source=MQTT&serverUri=tcp://127.0.0.1:1883&qos=2").expect(201).json();
        assertThat(mqtt.get("source").get("qos").asInt()).isEqualTo(2);
    }

    @Test
    void aBadSourceInTheQueryIsPointedAtAndCreatesNothing() {
        String context = "/bad-source-" + unique() + "/v1";
        Reply reply = importDocument("2.6/simple.yml", "application/yaml", "context=" + context + "&source=KAFKA&uri=amqp://x");

        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactlyInAnyOrder("/source/bootstrapServers", "/source/uri");
        assertThat(importDocument("2.6/simple.yml", "application/yaml", "context=" + context + "&source=NATS").errorPointers())
                .containsExactly("/source/kind");
        assertThat(admin().get("/api/v1/apis").json().valueStream().noneMatch(api -> api.get("context").asString().equals(context))).isTrue();
    }

    @Test
    void anInvalidDocumentIsA400ListingEachProblemWithItsPointer() {
        Reply reply = send("""
                asyncapi: 3.0.0
                info: {title: Broken}
                channels:
                  lights:
                    address: 'lights/{id}'
                    messages:
                      measured: {contentType: 7}
                operations:
                  watch: {action: push, channel: {$ref: '#/channels/lights'}}
                """, "application/yaml", "context=/broken-" + unique());

        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactlyInAnyOrder("/info/version", "/channels/lights/messages/measured/contentType",
                "/operations/watch/action");
    }

    @Test
    void unresolvableReferencesAreA400AtOnce() {
        long started = System.nanoTime();

        Reply remote = send("""
                asyncapi: '2.6.0'
                info: {title: Remote, version: '1'}
                channels:
                  lights:
                    subscribe:
                      message: {$ref: 'https://10.255.255.1/messages.yaml#/measured'}
                """, "application/yaml", "context=/remote-" + unique());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(remote.problem(400, "invalid-input").get("errors").get(0).get("detail").asString()).contains("does not fetch");
        assertThat(remote.errorPointers()).containsExactly("/channels/lights/subscribe/message/$ref");
        Reply dangling = send("""
                asyncapi: '2.6.0'
                info: {title: Dangling, version: '1'}
                channels:
                  lights:
                    subscribe:
                      message: {$ref: '#/components/messages/nowhere'}
                """, "application/yaml", "context=/dangling-" + unique());
        assertThat(dangling.errorPointers()).containsExactly("/channels/lights/subscribe/message/$ref");
    }

    @Test
    void onlyEventApisTakeASource() {
        Reply reply = admin().send("POST", "/api/v1/apis/import?context=/rest-" + unique() + "&upstream=http://127.0.0.1:9101&source=KAFKA",
                new String(ApiImportControllerTests.resource("petstore.yaml"), StandardCharsets.UTF_8), "application/json", "application/yaml");

        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactly("/source");
    }

    /** Each channel without its timestamps (the database keeps microseconds). */
    static List<List<JsonNode>> summary(JsonNode channels) {
        return channels.valueStream().map(channel -> List.of(channel.get("id"), channel.get("name"), channel.get("path"),
                channel.get("directions"), channel.get("parameters"), channel.get("messages"))).toList();
    }

    private static Map<String, JsonNode> byName(JsonNode channels) {
        return channels.valueStream().collect(Collectors.toMap(channel -> channel.get("name").asString(), channel -> channel));
    }

    private Reply importDocument(String resource, String contentType, String query) {
        return send(new String(resource(resource), StandardCharsets.UTF_8), contentType, query);
    }

    private Reply send(String document, String contentType, String query) {
        return admin().send("POST", "/api/v1/apis/import?" + query, document, "application/json", contentType);
    }

    static byte[] resource(String name) {
        try (InputStream in = AsyncApiImportControllerTests.class.getResourceAsStream("/asyncapi/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
