package io.gatehouse.gateway.event.websocket;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The worked example of docs/event-apis.md, step by step: the Streetlights AsyncAPI 3.0 document over WebSocket. */
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
        Plan devices = planService.create(imported.api().getId(), new PlanSpec("Devices", PlanAuth.API_KEY, null, null, Approval.AUTO,
                List.of(Permission.PUBLISH), null));
        Plan dashboards = planService.create(imported.api().getId(), new PlanSpec("Dashboards", PlanAuth.API_KEY, null, null,
                Approval.AUTO, List.of(Permission.SUBSCRIBE), null, null, new StreamLimits(2, null)));
        apiService.changeState(imported.api().getId(), ApiState.PUBLISHED);
        Caller lamp = subscribe(new Published(imported.api(), devices));
        Caller dashboard = subscribe(new Published(imported.api(), dashboards));
        awaitServingCurrentRegistry();
        URI channel = URI.create("ws://127.0.0.1:" + gatewayServer.port() + context
                + "/smartylighting/streetlights/1/0/event/42/lighting/measured");

        WsClient browser = WsClient.connect(channel, Map.of(), List.of("gatehouse.v1", "gatehouse.key." + dashboard.apiKey()));
        open.add(browser);
        assertThat(browser.next(WITHIN).toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":true,\"publish\":false}");
        WsClient device = WsClient.withKey(channel, lamp.apiKey());
        open.add(device);
        assertThat(device.next(WITHIN).toString()).isEqualTo("{\"type\":\"ready\",\"subscribe\":false,\"publish\":true}");

        device.send("{\"type\":\"publish\",\"ref\":\"m-1\",\"data\":{\"lumens\":800,\"sentAt\":\"2026-11-27T10:00:00Z\"}}");

        JsonNode ack = device.next(WITHIN);
        assertThat(ack.path("type").asString()).isEqualTo("ack");
        JsonNode event = browser.events(1, WITHIN).getFirst();
        assertThat(event.path("id").asString()).isEqualTo(ack.path("id").asString());
        assertThat(event.path("channel").asString()).isEqualTo("lightingMeasured");
        assertThat(event.path("data").path("lumens").asInt()).isEqualTo(800);
    }
}
