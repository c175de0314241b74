package io.gatehouse.gateway.event.sse;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.event.CallCompletion;
import io.gatehouse.gateway.event.EventProperties;
import io.gatehouse.gateway.event.stream.RecentFrames;
import io.gatehouse.gateway.event.stream.StreamHub;
import io.gatehouse.gateway.event.stream.StreamMetrics;
import io.gatehouse.gateway.event.stream.StreamSubscriber;
import io.gatehouse.gateway.event.stream.StreamWriter.EndReason;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemType;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves an admitted subscriber a channel path as {@code text/event-stream}: {@code retry:} first, then
 * every event with its id, from now or, with {@code Last-Event-ID} on a source that keeps history, from
 * the first event after that id; a {@code : ping} comment every heartbeat. Each event passes the
 * chain's message phase on its way out. When the gateway stops, its streams end at once (clients
 * reconnect, to another node, with their last id) instead of holding the shutdown up. A client that
 * resumes a stream whose subscription has ended gets 204 No Content, the SSE way to say "do not
 * reconnect".
 */
@Component
public class SseEntrypoint {

    public static final String MEDIA_TYPE = "text/event-stream";
    private static final Logger log = LoggerFactory.getLogger(SseEntrypoint.class);

    private final StreamHub streams;
    private final EventProperties properties;
    private final StreamMetrics metrics;
    private final RecentFrames<Buffer> frames = SseWriter.newFrames();

    public SseEntrypoint(StreamHub streams, EventProperties properties, MeterRegistry registry) {
        this.streams = streams;
        this.properties = properties;
        this.metrics = new StreamMetrics(registry, "sse");
    }

    /** Whether the request asks for an event stream. */
    public static boolean wanted(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(MEDIA_TYPE);
    }

    /**
     * Starts the stream on the request's event loop.
     *
     * @param completion the call's end, to run what closes the stream
     */
    public void open(Exchange exchange, PolicyChain chain, ChannelMatcher.Match match, HttpServerRequest request,
                     CallCompletion completion) {
        exchange.meterPerMessage();
        exchange.status(200);
        exchange.outcome(Outcome.ACCEPTED);
        HttpServerResponse response = request.response();
        response.setStatusCode(200).setChunked(true);
        response.headers()
                .addAll(exchange.responseHeaders())
                .set(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .set(HttpHeaders.CACHE_CONTROL, "no-cache")
                .set("X-Accel-Buffering", "no")
                .set(RequestIds.HEADER, exchange.requestId());
        response.write(Buffer.buffer(SseFrames.retry(properties.retry())));
        UUID apiId = exchange.api().id();
        String path = exchange.pathWithinApi();
        StreamSubscriber subscriber = new StreamSubscriber(Vertx.currentContext(), new SseWriter(response, frames), exchange, chain,
                properties.subscriberQueue(), properties.overflow(), metrics, (from, limit) -> streams.missed(apiId, path, from, limit));
        metrics.opened();
        completion.also(() -> {
            subscriber.close();
            metrics.closed();
        });
        subscriber.heartbeats(properties.heartbeat().toMillis());
        request.connection().shutdownHandler(ignored -> subscriber.end(EndReason.GOING_AWAY, null));
        streams.join(subscriber, exchange.api(), match, path, lastEventId(request)).onFailure(error -> {
            log.warn("Request {}: the event stream of {} could not start: {}", exchange.requestId(), path, error.getMessage());
            subscriber.end(EndReason.TRY_AGAIN_LATER, null);
        });
    }

    /**
     * Whether a refused subscribe is a client resuming a stream ({@code Last-Event-ID}) whose application
     * no longer has a subscription to the API: the stream is gone for good, and {@link #gone} tells the
     * client to stop reconnecting. A first connect gets the problem instead, which says why.
     */
    public static boolean goneForGood(Verdict verdict, HttpServerRequest request) {
        return verdict instanceof Verdict.Reject reject && reject.problem().type() == ProblemType.NO_SUBSCRIPTION
                && lastEventId(request) != null;
    }

    /** Answers 204 No Content, which tells an SSE client not to reconnect. */
    public void gone(Exchange exchange, HttpServerRequest request) {
        exchange.status(204);
        exchange.outcome(Outcome.REJECTED);
        request.response().setStatusCode(204).putHeader(RequestIds.HEADER, exchange.requestId()).end();
    }

    private static String lastEventId(HttpServerRequest request) {
        String value = request.getHeader("Last-Event-ID");
        return value == null || value.isBlank() ? null : value.strip();
    }
}
