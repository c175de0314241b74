package io.gatehouse.console.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.console.ManagementApiTestSupport;
import io.gatehouse.core.api.event.EventSourceStore;
import io.gatehouse.core.api.event.RabbitMqSource;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** EVENT APIs made by hand over real HTTP: {@code POST /apis} with channels and a source, {@code /channels}, {@code /source}. */
class EventApiControllerTests extends ManagementApiTestSupport {

    @Autowired
    EventSourceStore sources;

    @Test
    void anEventApiIsCreatedWithItsChannelsAndSourceAndShownWithThem() {
        String context = "/lights-" + unique() + "/v1";
        Reply reply = admin().post("/api/v1/apis", """
                {"name":"Lights","version":"v1","context":"%s","type":"EVENT",
                 "channels":["lights/measured", {"name":"dim","address":"lights/{lightId}/dim","directions":["PUBLISH"],
                                                 "parameters":[{"name":"lightId","description":"which light"}]}],
                 "source":{"kind":"BUILTIN","retention":"P1D"}}
                """.formatted(context)).expect(201);

        JsonNode api = reply.json();
        assertThat(reply.header("Location")).endsWith("/api/v1/apis/" + api.get("id").asString());
        assertThat(api.get("type").asString()).isEqualTo("EVENT");
        assertThat(api.get("source").toString()).isEqualTo("{\"kind\":\"BUILTIN\",\"retention\":\"P1D\"}");
        Map<String, JsonNode> channels = byName(api.get("channels"));
        assertThat(channels.get("lights/measured").get("path").asString()).isEqualTo("/lights/measured");
        assertThat(channels.get("lights/measured").get("directions").toString()).isEqualTo("[\"SUBSCRIBE\"]");
        assertThat(channels.get("dim").get("path").asString()).isEqualTo("/lights/{lightId}/dim");
        assertThat(channels.get("dim").get("directions").toString()).isEqualTo("[\"PUBLISH\"]");
        assertThat(channels.get("dim").get("parameters").get(0).get("description").asString()).isEqualTo("which light");

        JsonNode fetched = admin().get("/api/v1/apis/" + api.get("id").asString()).expect(200).json();
        assertThat(AsyncApiImportControllerTests.summary(fetched.get("channels"))).isEqualTo(AsyncApiImportControllerTests.summary(api.get("channels")));
        assertThat(fetched.get("source")).isEqualTo(api.get("source"));
    }

    @Test
    void anEventApiWithoutChannelsOrSourceHasTheBuiltInBroker() {
        JsonNode api = admin().post("/api/v1/apis", """
                {"name":"Bare","version":"v1","context":"/bare-%s/v1","type":"EVENT"}
                """.formatted(unique())).expect(201).json();

        assertThat(api.get("channels").size()).isZero();
        assertThat(api.get("source").toString()).isEqualTo("{\"kind\":\"BUILTIN\",\"retention\":\"P7D\"}");
    }

    @Test
    void everyProblemOfTheApiItsChannelsAndItsSourceIsNamedAtOnce() {
        Reply reply = admin().post("/api/v1/apis", """
                {"name":"","version":"v1","context":"/bad-events-%s/v1","type":"EVENT",
                 "channels":["lights/{id}", "lights/{other}", "a b", {"address":"x/{y}","parameters":[{"name":"z"}]}],
                 "source":{"kind":"KAFKA","topics":{"nowhere":"t"},"brokers":"x"}}
                """.formatted(unique()));

        reply.problem(400, "invalid-input");
        assertThat(reply.errorPointers()).containsExactlyInAnyOrder("/name", "/channels/1", "/channels/2/address",
                "/channels/3/parameters/0/name", "/source/bootstrapServers", "/source/brokers");

        Reply rest = admin().post("/api/v1/apis", """
                {"name":"Rest","version":"v1","context":"/rest-events-%s/v1","type":"REST","upstream":"http://127.0.0.1:9101",
                 "channels":["a"],"source":{"kind":"BUILTIN"}}
                """.formatted(unique()));
        rest.problem(400, "invalid-input");
        assertThat(rest.errorPointers()).containsExactly("/channels", "/source");
    }

    @Test
    void channelsAreListedDeclaredChangedAndRemovedAndTheSourceFollowsTheirNames() {
        String id = admin().post("/api/v1/apis", """
                {"name":"Kafka","version":"v1","context":"/kafka-events-%s/v1","type":"EVENT","channels":["lights/measured"],
                 "source":{"kind":"KAFKA","bootstrapServers":"127.0.0.1:9092","topics":{"lights/measured":"lights.measured"}}}
                """.formatted(unique())).expect(201).id();
        String channels = "/api/v1/apis/" + id + "/channels";

        Reply declared = admin().post(channels, """
                {"name":"dim","address":"lights/{id}/dim","directions":["SUBSCRIBE","PUBLISH"],"description":"Dims a light"}
                """).expect(201);
        String dimId = declared.id();
        assertThat(declared.header("Location")).endsWith(channels + "/" + dimId);
        assertThat(admin().get(channels).expect(200).json().valueStream().map(channel -> channel.get("name").asString()))
                .containsExactly("dim", "lights/measured");
        assertThat(admin().get(channels + "/dim").expect(200).json().get("id").asString()).isEqualTo(dimId);
        assertThat(admin().get(channels + "/" + dimId).expect(200).json().get("description").asString()).isEqualTo("Dims a light");

        admin().post(channels, "{\"address\":\"lights/{other}/dim\"}").problem(409, "conflict");
        admin().post(channels, "{\"name\":\"dim\",\"address\":\"elsewhere\"}").problem(409, "conflict");
        assertThat(admin().post(channels, "{\"address\":\"a?b\"}").errorPointers()).containsExactly("/address");

        String measuredId = byName(admin().get(channels).json()).get("lights/measured").get("id").asString();
        JsonNode renamed = admin().put(channels + "/" + measuredId, """
                {"name":"measured","address":"lights/measured","directions":["SUBSCRIBE"]}
                """).expect(200).json();
        assertThat(renamed.get("id").asString()).isEqualTo(measuredId);
        assertThat(source(id).get("topics").toString()).isEqualTo("{\"measured\":\"lights.measured\"}");

        admin().delete(channels + "/measured").expect(204);
        assertThat(source(id).get("topics").size()).isZero();
        admin().get(channels + "/measured").problem(404, "not-found");
    }

    @Test
    void theSourceIsReplacedAndCheckedPerKind() {
        String id = admin().post("/api/v1/apis", """
                {"name":"Swap","version":"v1","context":"/swap-%s/v1","type":"EVENT","channels":["lights/measured"]}
                """.formatted(unique())).expect(201).id();

        JsonNode mqtt = admin().put("/api/v1/apis/" + id + "/source", """
                {"kind":"MQTT","serverUri":"tcp://127.0.0.1:1883","topics":{"lights/measured":"city/lights/measured"}}
                """).expect(200).json();
        assertThat(mqtt.get("qos").asInt()).isEqualTo(1);
        assertThat(source(id)).isEqualTo(mqtt);

        Reply bad = admin().put("/api/v1/apis/" + id + "/source", """
                {"kind":"RABBITMQ","uri":"http://broker","qos":1,"routingKeys":{"lights/measured":"lights.#"}}
                """);
        bad.problem(400, "invalid-input");
        assertThat(bad.errorPointers()).containsExactlyInAnyOrder("/uri", "/exchange", "/qos", "/routingKeys/lights~1measured");
        assertThat(admin().put("/api/v1/apis/" + id + "/source", "{\"kind\":\"BUILTIN\",\"retention\":\"P2Y\"}").errorPointers())
                .containsExactly("/retention");
        assertThat(admin().put("/api/v1/apis/" + id + "/source", "{\"kind\":\"KAFKA\",\"bootstrapServers\":\"k:9092\",\"topics\":{\"nowhere\":\"t\"}}")
                .errorPointers()).containsExactly("/topics/nowhere");

        JsonNode updated = admin().put("/api/v1/apis/" + id, """
                {"name":"Swapped","version":"v1","context":"%s","type":"EVENT","channels":["ignored"],
                 "source":{"kind":"RABBITMQ","uri":"amqp://127.0.0.1:5672","exchange":"lights"}}
                """.formatted(admin().get("/api/v1/apis/" + id).json().get("context").asString())).expect(200).json();
        assertThat(updated.get("name").asString()).isEqualTo("Swapped");
        assertThat(updated.get("source").get("exchange").asString()).isEqualTo("lights");
        assertThat(updated.get("channels").size()).isEqualTo(1);
    }

    @Test
    void aBrokerPasswordIsNeverShownAndIsKeptWhenSentBackHidden() {
        Reply created = admin().post("/api/v1/apis", """
                {"name":"Secret","version":"v1","context":"/secret-%s/v1","type":"EVENT","channels":["news"],
                 "source":{"kind":"RABBITMQ","uri":"amqp://gh:s3cret@127.0.0.1:5672/prod","exchange":"news"}}
                """.formatted(unique())).expect(201);
        String id = created.id();
        String hidden = "amqp://gh:****@127.0.0.1:5672/prod";
        assertThat(created.json().get("source").get("uri").asString()).isEqualTo(hidden);
        assertThat(admin().get("/api/v1/apis/" + id).json().get("source").get("uri").asString()).isEqualTo(hidden);
        JsonNode shown = source(id);
        assertThat(shown.get("uri").asString()).isEqualTo(hidden);

        JsonNode changed = admin().put("/api/v1/apis/" + id + "/source", shown.toString().replace("\"news\"", "\"headlines\""))
                .expect(200).json();

        assertThat(changed.get("uri").asString()).isEqualTo(hidden);
        assertThat(changed.get("exchange").asString()).isEqualTo("headlines");
        assertThat(storedSource(id)).as("sealed at rest").contains("amqp://gh:ghs1.").doesNotContain("s3cret", "****");
        assertThat(((RabbitMqSource) sources.find(UUID.fromString(id))).uri()).isEqualTo("amqp://gh:s3cret@127.0.0.1:5672/prod");
        Reply otherUser = admin().put("/api/v1/apis/" + id + "/source",
                "{\"kind\":\"RABBITMQ\",\"uri\":\"amqp://ops:****@127.0.0.1:5672/prod\",\"exchange\":\"news\"}");
        otherUser.problem(400, "invalid-input");
        assertThat(otherUser.errorPointers()).containsExactly("/uri");
        assertThat(((RabbitMqSource) sources.find(UUID.fromString(id))).uri()).contains("s3cret");
    }

    @Test
    void restApisHaveNoChannelsAndDevelopersReadChannelsButNotTheSource() {
        String rest = createApi("rest-no-channels");
        admin().get("/api/v1/apis/" + rest + "/channels").problem(409, "conflict");
        admin().get("/api/v1/apis/" + rest + "/source").problem(409, "conflict");
        assertThat(admin().get("/api/v1/apis/" + rest).json().has("channels")).isFalse();

        String id = admin().post("/api/v1/apis", """
                {"name":"Catalog","version":"v1","context":"/catalog-events-%s/v1","type":"EVENT","channels":["news"],
                 "source":{"kind":"RABBITMQ","uri":"amqp://user:secret@127.0.0.1:5672","exchange":"news"}}
                """.formatted(unique())).expect(201).id();
        Client developer = newUser("DEVELOPER", createOrganization());
        developer.get("/api/v1/apis/" + id + "/channels").problem(403, "forbidden");
        developer.post("/api/v1/apis/" + id + "/channels", "{\"address\":\"more\"}").problem(403, "forbidden");
        publish(id);

        assertThat(developer.get("/api/v1/apis/" + id + "/channels").expect(200).json().size()).isEqualTo(1);
        JsonNode seen = developer.get("/api/v1/apis/" + id).expect(200).json();
        assertThat(seen.get("channels").size()).isEqualTo(1);
        assertThat(seen.has("source")).isFalse();
        developer.get("/api/v1/apis/" + id + "/source").problem(403, "forbidden");
        Client publisher = newUser("PUBLISHER", null);
        publisher.post("/api/v1/apis/" + id + "/channels", "{\"address\":\"more\"}").expect(201);
    }

    private String storedSource(String apiId) {
        return jdbc.queryForObject("select event_source::text from api where id = ?", String.class, UUID.fromString(apiId));
    }

    private JsonNode source(String apiId) {
        return admin().get("/api/v1/apis/" + apiId + "/source").expect(200).json();
    }

    private static Map<String, JsonNode> byName(JsonNode channels) {
        return channels.valueStream().collect(Collectors.toMap(channel -> channel.get("name").asString(), channel -> channel));
    }
}
