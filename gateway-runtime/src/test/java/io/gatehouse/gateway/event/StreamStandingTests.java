package io.gatehouse.gateway.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.core.credential.ApiKeyRotationSpec;
import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.subscription.SubscriptionAction;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.sse.SseClient.Event;
import io.gatehouse.gateway.event.stream.StreamHub;
import io.gatehouse.gateway.event.websocket.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Open streams follow what happens to their consumer after connect: a subscription suspended or
 * cancelled, or a key revoked, ends them within a snapshot's propagation; a rotated key's streams end
 * with its grace period; and a client resuming a stream whose subscription has ended is told to stop
 * (SSE 204). Over real HTTP, WebSocket and the real database.
 */
class StreamStandingTests extends EventGatewaySupport {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    ApplicationContext context;
    @Autowired
    StreamHub streams;

    @Test
    void aCancelledSubscriptionEndsItsStreamAndItsResumeGetsNoContent() throws Exception {
        Published api = eventApi();
        Caller cancelled = subscribe(api);
        Caller other = subscribe(api);
        String path = api.context() + "/lights/1/measured";
        SseClient stream = sse(path, cancelled.apiKey(), null);
        SseClient otherStream = sse(path, other.apiKey(), null);
        String first = publish(path, other.apiKey(), "one");
        assertThat(stream.events(1, WITHIN)).containsExactly(new Event(first, "one"));

        subscriptionService.apply(cancelled.subscription().getId(), SubscriptionAction.CANCEL);

        assertThat(stream.ended(WITHIN)).isTrue();
        SseClient resumed = sse(path, cancelled.apiKey(), first);
        assertThat(resumed.response().statusCode()).isEqualTo(204);
        assertThat(resumed.ended(WITHIN)).isTrue();
        assertThat(resumed.pending()).isEmpty();
        SseClient fresh = sse(path, cancelled.apiKey(), null);
        assertThat(fresh.response().statusCode()).isEqualTo(403);
        assertThat(fresh.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fresh.ended(WITHIN)).isTrue();
        assertThat(String.join("\n", fresh.pending())).contains("has no subscription");

        String second = publish(path, other.apiKey(), "two");
        assertThat(otherStream.events(2, WITHIN)).containsExactly(new Event(first, "one"), new Event(second, "two"));
    }

    @Test
    void aSuspendedSubscriptionClosesItsWebSocketAndResumingItLetsItBackIn() throws Exception {
        Published api = eventApi();
        Caller caller = subscribe(api);
        WsClient socket = ws(api.context() + "/alerts", caller.apiKey());
        awaitJoined(api, 1);

        subscriptionService.apply(caller.subscription().getId(), SubscriptionAction.SUSPEND);

        WsClient.Closed closed = socket.closed(WITHIN);
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).endsWith("is suspended.");
        SseClient whileSuspended = sse(api.context() + "/alerts", caller.apiKey(), "1");
        assertThat(whileSuspended.response().statusCode()).as("a suspension is not for good").isEqualTo(403);

        subscriptionService.apply(caller.subscription().getId(), SubscriptionAction.RESUME);
        awaitServingCurrentRegistry();
        SseClient back = sse(api.context() + "/alerts", caller.apiKey(), null);
        assertThat(back.response().statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedKeyEndsItsStreams() throws Exception {
        Published api = eventApi();
        Caller caller = subscribe(api);
        SseClient stream = sse(api.context() + "/alerts", caller.apiKey(), null);
        WsClient socket = ws(api.context() + "/alerts", caller.apiKey());
        awaitJoined(api, 2);

        apiKeyService.revoke(caller.application().getId(), caller.key().key().getId());

        assertThat(stream.ended(WITHIN)).isTrue();
        assertThat(socket.closed(WITHIN)).isEqualTo(new WsClient.Closed(1008, "The API key of this stream was revoked."));
    }

    @Test
    void aRotatedKeysStreamsEndWhenItsGracePeriodDoes() throws Exception {
        Published api = eventApi();
        Caller caller = subscribe(api);
        WsClient socket = ws(api.context() + "/alerts", caller.apiKey());
        awaitJoined(api, 1);

        apiKeyService.rotate(caller.application().getId(), caller.key().key().getId(), new ApiKeyRotationSpec("PT3S"));
        awaitServingCurrentRegistry();

        Thread.sleep(1000);
        assertThat(socket.isClosed()).as("the old key works for its grace period").isFalse();
        WsClient.Closed closed = socket.closed(WITHIN);
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).startsWith("The credential of this stream expired");
    }

    private Published eventApi() {
        Published published = new EventApiFixtures(context).publish(Permission.SUBSCRIBE, Permission.PUBLISH);
        awaitServingCurrentRegistry();
        return published;
    }

    /** Waits until the streams on the API's alerts channel have joined its fan-out, so that a change after it reaches them. */
    private void awaitJoined(Published api, int streams) {
        await().atMost(WITHIN).until(() -> this.streams.subscribers(api.api().getId(), "/alerts") == streams);
    }

    private String publish(String path, String apiKey, String body) {
        return publish(path, apiKey, null, body);
    }
}
