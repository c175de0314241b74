package io.gatehouse.core.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.core.CoreTest;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.error.FieldProblem;
import io.gatehouse.core.error.InputValidator;
import io.gatehouse.core.error.InvalidInputException;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.secret.SecretsProperties;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Broker passwords are sealed in the database, read back opened, and resealed when stored before sealing. */
@CoreTest
class StoredBrokerSecretsTests {

    private static final String SERVER = "tcp://gatehouse:s3cr%40t-pw@127.0.0.1:1883";

    @Autowired EventApiService eventApis;
    @Autowired EventSourceStore sources;
    @Autowired ApiService apis;
    @Autowired ChannelRepository channels;
    @Autowired InputValidator validator;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aBrokerPasswordIsStoredSealedAndReadBackAsGiven() {
        UUID id = create(eventApis).api().getId();

        assertThat(storedJson(id)).doesNotContain("s3cr").contains("tcp://gatehouse:ghs1.").contains("@127.0.0.1:1883");
        assertThat(((MqttSource) eventApis.get(id).source()).serverUri()).isEqualTo(SERVER);
        assertThat(((MqttSource) eventApis.get(id).source().redacted()).serverUri()).isEqualTo("tcp://gatehouse:****@127.0.0.1:1883");
    }

    @Test
    void aPasswordStoredInPlainTextBeforeSealingIsSealedByResealAllAndStillReads() {
        UUID id = create(eventApis).api().getId();
        jdbc.update("update api set event_source = ?::jsonb where id = ?",
                "{\"kind\":\"MQTT\",\"serverUri\":\"tcp://old:plain-pw@127.0.0.1:1883\",\"qos\":1,\"topics\":{}}", id);
        assertThat(((MqttSource) sources.find(id)).serverUri()).isEqualTo("tcp://old:plain-pw@127.0.0.1:1883");

        assertThat(sources.resealAll()).isGreaterThanOrEqualTo(1);

        assertThat(storedJson(id)).doesNotContain("plain-pw").contains("ghs1.");
        assertThat(((MqttSource) sources.find(id)).serverUri()).isEqualTo("tcp://old:plain-pw@127.0.0.1:1883");
        assertThat(sources.resealAll()).as("nothing left to reseal").isZero();
    }

    @Test
    void aPasswordSealedWithAKeyThisProcessDoesNotHoldIsLeftAsItIs() {
        UUID id = create(eventApis).api().getId();
        String foreign = new SecretSealer(new SecretsProperties(Base64.getEncoder().encodeToString(new byte[32]), null, false,
                List.of())).seal("elsewhere");
        String json = "{\"kind\":\"MQTT\",\"serverUri\":\"tcp://u:" + foreign + "@127.0.0.1:1883\",\"qos\":1,\"topics\":{}}";
        jdbc.update("update api set event_source = ?::jsonb where id = ?", json, id);

        sources.resealAll();

        assertThat(storedJson(id)).contains(foreign);
        assertThat(((MqttSource) sources.find(id)).serverUri()).isEqualTo("tcp://u:" + foreign + "@127.0.0.1:1883");
    }

    @Test
    void withoutASecretsKeyABrokerPasswordIsRefusedNamingTheSetting() {
        EventApiService unkeyed = new EventApiService(apis, channels, sources, validator,
                new SecretSealer(new SecretsProperties(null, null, false, List.of())));

        assertThatThrownBy(() -> create(unkeyed)).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems()).extracting(FieldProblem::pointer).containsExactly("/source/serverUri"));
        assertThat(create(unkeyed, Map.of("kind", "MQTT", "serverUri", "tcp://127.0.0.1:1883")).source())
                .as("a broker without a password needs no key").isEqualTo(new MqttSource("tcp://127.0.0.1:1883", null, null));
    }

    @Test
    void withoutASecretsKeyAPasswordStoredBeforeSealingStaysReadableWhenTheSourceChanges() {
        UUID id = create(eventApis).api().getId();
        EventSourceStore unkeyed = new EventSourceStore(jdbc, new SecretSealer(new SecretsProperties(null, null, false, List.of())));
        MqttSource legacy = new MqttSource("tcp://old:plain-pw@127.0.0.1:1883", 1, Map.of());

        unkeyed.save(id, legacy);
        unkeyed.save(id, legacy.withChannelNames(Map.of("lights", "lights/#")));

        assertThat(unkeyed.find(id)).isEqualTo(legacy.withChannelNames(Map.of("lights", "lights/#")));
    }

    private EventApi create(EventApiService service) {
        return create(service, Map.of("kind", "MQTT", "serverUri", SERVER));
    }

    private static EventApi create(EventApiService service, Map<String, Object> source) {
        String name = "sealed" + UUID.randomUUID().toString().substring(0, 8);
        return service.create(new ApiSpec(name, "v1", "/" + name + "/v1", ApiType.EVENT, null, null, null, null, null, null),
                List.of(), source);
    }

    private String storedJson(UUID id) {
        return jdbc.queryForObject("select event_source::text from api where id = ?", String.class, id);
    }
}
