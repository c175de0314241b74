package io.gatehouse.gateway.event.source;

import io.gatehouse.core.api.event.EventSourceKind;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.stream.StreamPosition;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Connects the gateway to one kind of event source (the built-in store, Kafka, RabbitMQ, MQTT): the
 * extension point between the entrypoints (SSE, WebSocket, webhooks) and where events live. One
 * implementation per {@link EventSourceKind}, a singleton shared by every API of that kind; it opens
 * what it needs (connections, producers, consumers) on first use for an API's source settings and
 * releases it in {@link #retain} once no served API uses those settings any more.
 *
 * <p>Every method may block (network, database): callers run them off the event loops. A source that
 * cannot be reached throws {@link SourceUnavailableException} (publishers then get a 503, subscribers
 * a clean end of their stream); the connector tries again by itself at the next call.
 *
 * <p><b>Streams.</b> A channel path (an API's channel with its parameters filled in, e.g.
 * {@code /lights/42/measured}) is followed by {@link #follow} once per gateway node, however many
 * consumers it has there: the feed pushes the path's events, in order within each partition, to its
 * sink, which fans them out. Each {@link StreamEvent} carries its partition and {@code seq} so that a
 * {@link StreamPosition} can tell what a consumer has seen; sources that keep history
 * ({@link #keepsHistory()}) read the events after a position ({@link #after}) to resume a consumer
 * ({@code Last-Event-ID}) without loss or duplicates.
 *
 * <p><b>Webhooks.</b> {@link #followForWebhooks} consumes the API's channels once across the whole
 * cluster (a shared consumer group, queue or subscription) and hands each event to the webhook outbox,
 * acknowledging it at the source only after the outbox has it (at least once; the outbox delivers an
 * event id once per endpoint).
 */
public interface EventSourceConnector {

    EventSourceKind kind();

    /**
     * Publishes one event to a channel path and returns it as stored or produced, with its id. The
     * caller was admitted and the message phase passed.
     *
     * @param path       the concrete path below the API's context, parameters filled in
     * @param parameters the values of the channel's parameters, by name
     * @throws SourceUnavailableException when the source cannot take it now
     */
    StreamEvent publish(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, String contentType,
                        byte[] payload);

    /**
     * Starts following one channel path on this node: its events from now on go to {@code sink}, from
     * the connector's threads, in order within each partition, until the feed is closed or
     * {@link FeedSink#failed fails}.
     *
     * @throws SourceUnavailableException when the source cannot be reached
     */
    Feed follow(ServedApi api, ServedChannel channel, String path, Map<String, String> parameters, FeedSink sink);

    /**
     * Whether {@link #after} can read past events: consumers may then resume with {@code Last-Event-ID}.
     * By default not: a source that only passes events on as they come.
     */
    default boolean keepsHistory() {
        return false;
    }

    /**
     * Up to {@code limit} events of the channel path that {@code from} does not cover, oldest first
     * within each partition; fewer than {@code limit} only when there are no more right now. Only
     * called when {@link #keepsHistory()}; by default there are none.
     */
    default List<StreamEvent> after(ServedApi api, ServedChannel channel, String path, StreamPosition from, int limit) {
        return List.of();
    }

    /**
     * Consumes the API's {@code channels} once across the cluster for webhook delivery, until closed.
     * Null when the connector needs no feed for that (the built-in source queues webhooks as it stores).
     */
    Feed followForWebhooks(ServedApi api, List<ServedChannel> channels, WebhookSink sink);

    /** Releases what is held for source settings that none of {@code served} uses any more. */
    void retain(Collection<ServedApi> served);
}
