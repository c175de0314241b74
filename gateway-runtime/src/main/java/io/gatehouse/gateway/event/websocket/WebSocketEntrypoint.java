package io.gatehouse.gateway.event.websocket;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.event.CallCompletion;
import io.gatehouse.gateway.event.ChannelAccess;
import io.gatehouse.gateway.event.Decisions;
import io.gatehouse.gateway.event.EventProperties;
import io.gatehouse.gateway.event.EventPublishing;
import io.gatehouse.gateway.event.stream.StreamHub;
import io.gatehouse.gateway.event.stream.StreamMetrics;
import io.gatehouse.gateway.event.stream.StreamSubscriber;
import io.gatehouse.gateway.event.stream.StreamWriter.EndReason;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.proxy.ProxyProperties;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves a channel path over WebSocket (an HTTP/1.1 upgrade on {@code GET}). Credentials come as for
 * any call, or as subprotocols ({@link SubprotocolCredentials}); the subscribe phase admits the
 * caller, who must be allowed to subscribe to or publish on the channel. The handshake is then always
 * accepted: a refused caller gets a close frame whose code says why (1008 policy violation for 401 and
 * 403, 1013 try again later for 429 and 503) and the problem's detail as its reason, which browsers,
 * unlike an HTTP status, show to the page. An admitted caller who may subscribe receives the channel's
 * events from now, or after {@code Last-Event-ID} (or {@code ?lastEventId=}) as over SSE
 * ({@link WebSocketWriter}); one who may publish sends events
 * ({@link WebSocketConnection}). Pings every heartbeat; 1001 when the gateway stops.
 */
@Component
public class WebSocketEntrypoint {

    private static final Logger log = LoggerFactory.getLogger(WebSocketEntrypoint.class);

    private final StreamHub streams;
    private final EventProperties properties;
    private final StreamMetrics metrics;
    private final EventFrames frames;
    private final WebSocketConnection.Publishing publishing;

    public WebSocketEntrypoint(StreamHub streams, EventProperties properties, MeterRegistry registry, EventPublishing publisher,
                               ProxyProperties limits) {
        this.streams = streams;
        this.properties = properties;
        this.metrics = new StreamMetrics(registry, "websocket");
        JsonMapper json = JsonMapper.builder().build();
        this.frames = new EventFrames(json);
        this.publishing = new WebSocketConnection.Publishing(publisher, json, limits.maxBodySize().toBytes(),
                maxMessageBytes(limits));
    }

    /** Whether the request asks to upgrade to a WebSocket. */
    public static boolean wanted(HttpServerRequest request) {
        return request.canUpgradeToWebSocket();
    }

    /**
     * The largest message a client may send: a payload of the gateway's maximum body size in base64,
     * with room for the envelope around it. The server's frame and message limits are set to it.
     */
    public static int maxMessageBytes(ProxyProperties limits) {
        long body = limits.maxBodySize().toBytes();
        return (int) Math.min(Integer.MAX_VALUE - 8, (body + 2) / 3 * 4 + 4096);
    }

    /** The subprotocol the gateway's WebSockets speak. */
    public static String subprotocol() {
        return SubprotocolCredentials.PROTOCOL;
    }

    /**
     * Admits the caller and upgrades, on the request's event loop.
     *
     * @param completion the call's end: completed when the socket closes
     * @param failed     answers an unexpected failure before the upgrade
     */
    public void open(Exchange exchange, PolicyChain chain, ChannelMatcher.Match match, HttpServerRequest request,
                     CallCompletion completion, Consumer<Throwable> failed) {
        SubprotocolCredentials.apply(exchange);
        String lastEventId = lastEventId(request);
        request.pause();
        Decisions.whenDecided(chain.run(Phase.SUBSCRIBE, exchange), verdict -> {
            Problem refused = verdict instanceof Verdict.Reject reject ? reject.problem() : null;
            boolean subscribe = refused == null && ChannelAccess.allows(exchange, match.channel(), Permission.SUBSCRIBE);
            if (refused == null && !subscribe && !ChannelAccess.allows(exchange, match.channel(), Permission.PUBLISH)) {
                refused = ChannelAccess.refusal(exchange, match.channel(), Permission.SUBSCRIBE);
            }
            Problem refusal = refused;
            request.toWebSocket().onComplete(upgraded -> {
                if (upgraded.failed()) {
                    log.debug("Request {}: the WebSocket handshake failed: {}", exchange.requestId(), upgraded.cause().toString());
                    exchange.outcome(Outcome.REJECTED);
                    exchange.status(request.response().getStatusCode());
                    return;
                }
                ServerWebSocket socket = upgraded.result();
                socket.closeHandler(ignored -> completion.complete());
                if (refusal != null) {
                    exchange.outcome(Outcome.REJECTED);
                    exchange.status(refusal.status());
                    WebSocketWriter.close(socket, CloseCodes.of(refusal), refusal.detail());
                } else {
                    connect(exchange, chain, match, socket, subscribe ? lastEventId : null, subscribe, completion);
                }
            });
        }, failed);
    }

    private void connect(Exchange exchange, PolicyChain chain, ChannelMatcher.Match match, ServerWebSocket socket, String lastEventId,
                         boolean subscribe, CallCompletion completion) {
        exchange.meterPerMessage();
        exchange.status(101);
        exchange.outcome(Outcome.ACCEPTED);
        UUID apiId = exchange.api().id();
        String path = exchange.pathWithinApi();
        boolean publish = ChannelAccess.allows(exchange, match.channel(), Permission.PUBLISH);
        WebSocketWriter writer = new WebSocketWriter(socket, frames, EventFrames.ready(subscribe, publish));
        StreamSubscriber subscriber = new StreamSubscriber(Vertx.currentContext(), writer, exchange, chain,
                properties.subscriberQueue(), properties.overflow(), metrics, (from, limit) -> streams.missed(apiId, path, from, limit));
        metrics.opened();
        completion.also(() -> {
            subscriber.close();
            metrics.closed();
        });
        subscriber.heartbeats(properties.heartbeat().toMillis());
        socket.shutdownHandler(ignored -> subscriber.end(EndReason.GOING_AWAY, null));
        new WebSocketConnection(socket, exchange, chain, match, subscriber, writer, publishing).start();
        if (!subscribe) {
            writer.live();
            return;
        }
        streams.join(subscriber, exchange.api(), match, path, lastEventId).onSuccess(joined -> writer.live()).onFailure(error -> {
            log.warn("Request {}: the event stream of {} could not start: {}", exchange.requestId(), path, error.getMessage());
            subscriber.end(EndReason.TRY_AGAIN_LATER, "The channel's events cannot be read right now; reconnect shortly.");
        });
    }

    /** Where a reconnecting client resumes: {@code Last-Event-ID}, or {@code ?lastEventId=} for browsers. */
    private static String lastEventId(HttpServerRequest request) {
        String value = request.getHeader("Last-Event-ID");
        if (value == null || value.isBlank()) {
            value = request.getParam("lastEventId");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
