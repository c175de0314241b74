package io.gatehouse.gateway.event.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.event.Channel;
import io.gatehouse.core.api.event.ChannelDirection;
import io.gatehouse.core.api.event.ChannelService;
import io.gatehouse.core.api.event.ChannelSpec;
import io.gatehouse.core.api.spec.ApiImportService;
import io.gatehouse.core.api.spec.ImportTarget;
import io.gatehouse.core.api.spec.ImportedApiResult;
import io.gatehouse.core.api.spec.SpecDocument;
import io.gatehouse.core.api.spec.SpecSyntax;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.Plan;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.core.plan.PlanSpec;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.plan.RateLimit;
import io.gatehouse.core.plan.StreamLimits;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The worked example of docs/event-apis.md, step by step: the Streetlights AsyncAPI 3.0 document over WebSocket,
 * with the example's plans (Devices: 10 publishes a second; Dashboards: two streams at most).
 */
class StreetlightsExampleTests extends GatewayIntegrationSupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    ApiImportService imports;
    @Autowired
    ChannelService channels;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeSockets() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void devicesPublishMeasurementsThatDashboardsReceive() throws Exception {
        Example example = importTheExample();

        WsClient browser = wallboard(example);
        assertThat(browser.next(WITHIN).toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":true,\"publish\":false}");
        WsClient device = lamp(example);
        assertThat(device.next(WITHIN).toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":false,\"publish\":true}");

        device.send("{\"type\":\"publish\",\"ref\":\"m-1\",\"data\":{\"lumens\":800,\"sentAt\":\"2026-11-27T10:00:00Z\"}}");

        JsonNode ack = device.next(WITHIN);
        assertThat(ack.path("type").asString()).isEqualTo("ack");
        JsonNode event = browser.events(1, WITHIN).getFirst();
        assertThat(event.path("id").asString()).isEqualTo(ack.path("id").asString());
        assertThat(event.path("channel").asString()).isEqualTo("lightingMeasured");
        assertThat(event.path("data").path("lumens").asInt()).isEqualTo(800);
    }

    @Test
    void aThirdWallboardWithTheSameKeyIsClosedWithTryAgainLater() throws Exception {
        Example example = importTheExample();
        WsClient first = wallboard(example);
        first.next("ready", WITHIN);
        WsClient second = wallboard(example);
        second.next("ready", WITHIN);

        WsClient.Closed third = wallboard(example).closed(WITHIN);

        assertThat(third.code()).isEqualTo(1013);
        assertThat(third.reason()).contains("2 open streams");
        assertThat(first.isClosed()).isFalse();
        assertThat(second.isClosed()).isFalse();
    }

    @Test
    void aLampPublishingMoreThanTenASecondGetsErrorFramesAndStaysConnected() throws Exception {
        Example example = importTheExample();
        WsClient device = lamp(example);
        device.next("ready", WITHIN);

        for (int n = 1; n <= 15; n++) {
            device.send("{\"type\":\"publish\",\"ref\":\"m-" + n + "\",\"data\":{\"lumens\":" + n + "}}");
        }

        List<JsonNode> answers = new ArrayList<>();
        for (int n = 1; n <= 15; n++) {
            answers.add(device.next(WITHIN));
        }
        assertThat(answers).extracting(answer -> answer.path("ref").asString())
                .containsExactly("m-1", "m-2", "m-3", "m-4", "m-5", "m-6", "m-7", "m-8", "m-9", "m-10",
                        "m-11", "m-12", "m-13", "m-14", "m-15");
        assertThat(answers.subList(0, 10)).allSatisfy(answer -> assertThat(answer.path("type").asString()).isEqualTo("ack"));
        // the 11th arrives within the first second of the window, unless this machine takes a second for 11 publishes
        assertThat(answers.get(10).path("type").asString()).isEqualTo("error");
        assertThat(answers.subList(10, 15)).filteredOn(answer -> answer.path("type").asString().equals("error"))
                .allSatisfy(error -> assertThat(error.path("status").asInt()).isEqualTo(429));
        assertThat(device.isClosed()).isFalse();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            device.send("{\"type\":\"publish\",\"ref\":\"later\",\"data\":{\"lumens\":1}}");
            assertThat(device.next(WITHIN).path("type").asString()).isEqualTo("ack");
        });
    }

    /** The imported API with the example's channel change and plans, published; a lamp and a wallboard subscribed. */
    private record Example(URI channel, Caller lamp, Caller wallboard) {
    }

    private Example importTheExample() throws Exception {
        String context = "/streetlights-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
        ImportedApiResult imported;
        try (InputStream document = getClass().getResourceAsStream("/asyncapi/3.0/streetlights-mqtt-asyncapi.yml")) {
            imported = imports.importDocument(SpecDocument.parse(document.readAllBytes(), SpecSyntax.YAML),
                    new ImportTarget(context, null, null, null));
        }
        Channel measured = imported.channels().stream().filter(c -> c.getName().equals("lightingMeasured")).findFirst().orElseThrow();
        assertThat(measured.getDirections()).containsExactly(ChannelDirection.PUBLISH);
        channels.change(imported.api().getId(), "lightingMeasured", new ChannelSpec("lightingMeasured", measured.getAddress(),
                measured.getDescription(), List.of(ChannelDirection.PUBLISH, ChannelDirection.SUBSCRIBE), null, null));
        Plan devices = planService.create(imported.api().getId(), new PlanSpec("Devices", PlanAuth.API_KEY,
                List.of(new RateLimit(10, "PT1S")), null, Approval.AUTO, List.of(Permission.PUBLISH), null));
        Plan dashboards = planService.create(imported.api().getId(), new PlanSpec("Dashboards", PlanAuth.API_KEY, null, null,
                Approval.AUTO, List.of(Permission.SUBSCRIBE), null, null, new StreamLimits(2, null)));
        apiService.changeState(imported.api().getId(), ApiState.PUBLISHED);
        Caller lamp = subscribe(new Published(imported.api(), devices));
        Caller wallboard = subscribe(new Published(imported.api(), dashboards));
        awaitServingCurrentRegistry();
        URI channel = URI.create("ws://127.0.0.1:" + gatewayServer.port() + context
                + "/smartylighting/streetlights/1/0/event/42/lighting/measured");
        return new Example(channel, lamp, wallboard);
    }

    /** The browser's socket: the key in the subprotocols, as the example's page sends it. */
    private WsClient wallboard(Example example) throws Exception {
        WsClient socket = WsClient.connect(example.channel(), Map.of(),
                List.of("gatehouse.v1", "gatehouse.key." + example.wallboard().apiKey()));
        open.add(socket);
        return socket;
    }

    private WsClient lamp(Example example) throws Exception {
        WsClient socket = WsClient.withKey(example.channel(), example.lamp().apiKey());
        open.add(socket);
        return socket;
    }
}
