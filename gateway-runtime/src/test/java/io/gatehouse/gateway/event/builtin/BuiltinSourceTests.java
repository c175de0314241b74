package io.gatehouse.gateway.event.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointSpec;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import io.gatehouse.gateway.event.EventApiFixtures;
import io.gatehouse.gateway.event.stream.StreamEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The built-in source's store over the real database: what a publish writes, ordering, webhooks, retention. */
class BuiltinSourceTests extends GatewayIntegrationSupport {

    @Autowired
    ApplicationContext context;
    @Autowired
    WebhookEndpointService webhooks;
    @Autowired
    RetentionPurge purge;
    @Autowired
    EventStore store;
    @Autowired
    EventPublisher publisher;

    @Test
    void aPublishStoresTheEventWithItsChannelAndParametersAndQueuesItsWebhooks() {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        webhooks.register(caller.subscription().getId(),
                new WebhookEndpointSpec("http://127.0.0.1:9/hook", List.of("lights/measured")));
        awaitServingCurrentRegistry();

        HttpResponse<String> response = post(api.context() + "/lights/42/measured", caller.apiKey(), "{\"lux\":3}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Map<String, Object> row = jdbc.queryForMap("select id, channel, channel_path, parameters::text as parameters,"
                + " content_type, convert_from(payload, 'UTF8') as payload from event_message where api_id = ?", api.api().getId());
        assertThat(response.body()).isEqualTo("{\"id\":\"" + row.get("id") + "\"}");
        assertThat(row).containsEntry("channel", "lights/measured").containsEntry("channel_path", "/lights/42/measured")
                .containsEntry("parameters", "{\"lightId\": \"42\"}").containsEntry("content_type", "application/json")
                .containsEntry("payload", "{\"lux\":3}");
        assertThat(jdbc.queryForList("select m.event_id from webhook_delivery d join webhook_message m on m.id = d.message_id"
                + " where m.api_id = ?", String.class, api.api().getId())).containsExactly(row.get("id").toString());
    }

    @Test
    void aReaderFollowingConcurrentPublishesByIdSkipsNone() throws Exception {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        UUID apiId = api.api().getId();
        String path = "/lights/7/measured";
        int publishers = 4;
        int each = 60;
        List<Long> read = new ArrayList<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            long last = 0;
            boolean more = true;
            while (more) {
                more = publishing.get();
                for (StreamEvent event : store.after(apiId, path, last, 1000)) {
                    read.add(event.seq());
                    last = event.seq();
                }
            }
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(publishers)) {
            for (int p = 0; p < publishers; p++) {
                pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        publisher.store(apiId, "lights/measured", path, Map.of("lightId", "7"), "application/json",
                                "{\"lux\":1}".getBytes(StandardCharsets.UTF_8));
                    }
                    return null;
                });
            }
        }
        publishing.set(false);
        reader.join();

        List<Long> stored = jdbc.queryForList("select id from event_message where api_id = ? order by id", Long.class, apiId);
        assertThat(stored).hasSize(publishers * each);
        assertThat(read).as("ids commit in the order they were given, so reading after the last id seen misses none")
                .containsExactlyElementsOf(stored);
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = post(api.context() + "/lights/1/measured", caller.apiKey(), "x".repeat(25 * 1024 * 1024));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void eventsPastTheirApisRetentionArePurged() {
        Published api = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        subscribe(api);
        awaitServingCurrentRegistry();
        jdbc.update("insert into event_message (api_id, channel, channel_path, content_type, payload, published_at)"
                + " values (?, 'alerts', '/alerts', 'text/plain', 'old'::bytea, now() - interval '25 hours')", api.api().getId());
        jdbc.update("insert into event_message (api_id, channel, channel_path, content_type, payload)"
                + " values (?, 'alerts', '/alerts', 'text/plain', 'new'::bytea)", api.api().getId());

        assertThat(purge.purgeNow()).isGreaterThanOrEqualTo(1);

        assertThat(store.after(api.api().getId(), "/alerts", 0, 10)).extracting(event -> new String(event.payload()))
                .containsExactly("new");
    }

    private HttpResponse<String> post(String path, String apiKey, String body) {
        return send(HttpRequest.newBuilder(gateway(path)).header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
