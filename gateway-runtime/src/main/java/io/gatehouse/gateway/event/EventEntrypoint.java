package io.gatehouse.gateway.event;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import io.gatehouse.gateway.event.sse.SseEntrypoint;
import io.gatehouse.gateway.event.stream.StreamEvent;
import io.gatehouse.gateway.event.websocket.WebSocketEntrypoint;
import io.gatehouse.gateway.exchange.ContentLength;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.gatehouse.gateway.proxy.ProxyProperties;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.gatehouse.gateway.route.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves the calls routed to an EVENT API, on their event loop. The path below the context names a
 * channel ({@link ChannelMatcher}); then:
 * <ul>
 * <li>{@code POST} publishes the body to the channel: the request phase admits the caller, whose plan
 *     must permit {@code PUBLISH} on a channel that accepts it; the event passes the message phase and
 *     handed to the API's event source (stored, or produced to its broker); {@code 202} with its id,
 *     {@code 503} when the source cannot be reached.</li>
 * <li>{@code GET} with {@code Accept: text/event-stream} subscribes: the subscribe phase admits the
 *     caller, whose plan must permit {@code SUBSCRIBE} on a channel that offers it; then the stream
 *     ({@code 204} to a client resuming a stream whose subscription has ended).</li>
 * <li>{@code GET} with a WebSocket upgrade goes to the {@link WebSocketEntrypoint}, which answers the
 *     policies' refusals with close frames.</li>
 * </ul>
 * Refusals are problems answered before anything else is written.
 */
@Component
public class EventEntrypoint {

    private static final Logger log = LoggerFactory.getLogger(EventEntrypoint.class);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final SseEntrypoint sse;
    private final WebSocketEntrypoint webSockets;
    private final EventPublishing publishing;
    private final long maxBodyBytes;

    public EventEntrypoint(EventPublishing publishing, SseEntrypoint sse, WebSocketEntrypoint webSockets, ProxyProperties limits) {
        this.publishing = publishing;
        this.sse = sse;
        this.webSockets = webSockets;
        this.maxBodyBytes = limits.maxBodySize().toBytes();
    }

    /**
     * @param completion the call's end: what to run then, and when a WebSocket closes
     * @param failed     answers an unexpected failure (500, or a reset once the answer has started)
     */
    public void handle(Exchange exchange, Route route, HttpServerRequest request, CallCompletion completion,
                       Consumer<Throwable> failed) {
        ChannelMatcher.Match match = route.channels().match(exchange.pathWithinApi());
        if (match == null) {
            reject(exchange, request, ProblemType.NO_ROUTE.withDetail("API '" + exchange.api().name() + "' has no channel at "
                    + exchange.path() + "."));
            return;
        }
        exchange.useChannel(match.channel());
        if (request.method() == HttpMethod.POST) {
            request.pause();
            Decisions.whenDecided(route.chain().run(Phase.REQUEST, exchange),
                    verdict -> publish(verdict, exchange, route, match, request, failed), failed);
        } else if (request.method() == HttpMethod.GET) {
            if (WebSocketEntrypoint.wanted(request)) {
                webSockets.open(exchange, route.chain(), match, request, completion, failed);
                return;
            }
            if (!SseEntrypoint.wanted(request)) {
                reject(exchange, request, ProblemType.NOT_ACCEPTABLE.withDetail("Channels are served as " + SseEntrypoint.MEDIA_TYPE
                        + " (send Accept: " + SseEntrypoint.MEDIA_TYPE + ") and as WebSocket (an upgrade)."));
                return;
            }
            Decisions.whenDecided(route.chain().run(Phase.SUBSCRIBE, exchange), verdict -> {
                if (SseEntrypoint.goneForGood(verdict, request)) {
                    sse.gone(exchange, request);
                } else if (admitted(verdict, exchange, request, match.channel(), Permission.SUBSCRIBE)) {
                    sse.open(exchange, route.chain(), match, request, completion);
                }
            }, failed);
        } else {
            exchange.responseHeaders().set(HttpHeaders.ALLOW, "GET, POST");
            reject(exchange, request, ProblemType.METHOD_NOT_ALLOWED.withDetail(
                    "A channel takes GET (subscribe, as " + SseEntrypoint.MEDIA_TYPE + ") and POST (publish)."));
        }
    }

    private void publish(Verdict verdict, Exchange exchange, Route route, ChannelMatcher.Match match, HttpServerRequest request,
                         Consumer<Throwable> failed) {
        if (!admitted(verdict, exchange, request, match.channel(), Permission.PUBLISH)) {
            request.resume();
            return;
        }
        if (ContentLength.declared(request.headers()) > maxBodyBytes) {
            tooLarge(exchange, request);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] exceeded = {false};
        request.handler(chunk -> {
            if (exceeded[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                exceeded[0] = true;
                tooLarge(exchange, request);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (!exceeded[0]) {
                passMessagePhase(exchange, route, match, request, body.getBytes(), failed);
            }
        });
        request.resume();
    }

    private void passMessagePhase(Exchange exchange, Route route, ChannelMatcher.Match match, HttpServerRequest request,
                                  byte[] payload, Consumer<Throwable> failed) {
        Message message = new Message(Message.Direction.PUBLISH, match.channel().name(), null,
                ByteBuffer.wrap(payload).asReadOnlyBuffer());
        Decisions.whenDecided(route.chain().onMessage(exchange, message), verdict -> {
            switch (verdict) {
                case Verdict.Reject reject -> reject(exchange, request, reject.problem());
                case Verdict.Drop drop -> reject(exchange, request, ProblemType.QUOTA_EXCEEDED.withDetail(
                        "The event was not accepted by the API's policies; retry later."));
                default -> store(exchange, match, request, payload);
            }
        }, failed);
    }

    private void store(Exchange exchange, ChannelMatcher.Match match, HttpServerRequest request, byte[] payload) {
        exchange.meterPerMessage();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String type = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
        publishing.publish(exchange, match, type, payload)
                .onSuccess(event -> accepted(request.response(), exchange, event))
                .onFailure(error -> {
                    if (error instanceof SourceUnavailableException) {
                        log.warn("Request {}: the event source of API {} is unavailable: {}", exchange.requestId(),
                                exchange.api().name(), error.getMessage());
                    } else {
                        log.warn("Request {}: publishing an event of API {} failed", exchange.requestId(), exchange.api().name(), error);
                    }
                    exchange.outcome(Outcome.FAILED);
                    ProblemResponder.send(request.response(), exchange, ProblemType.SERVICE_UNAVAILABLE.withDetail(
                            "The API's event source cannot take the event right now; retry shortly."));
                });
    }

    private static void accepted(HttpServerResponse response, Exchange exchange, StreamEvent event) {
        byte[] body = ("{\"id\":\"" + event.id() + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.status(202);
        exchange.outcome(Outcome.ACCEPTED);
        response.setStatusCode(202);
        response.headers()
                .addAll(exchange.responseHeaders())
                .set(HttpHeaders.CONTENT_TYPE, "application/json")
                .set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .set(RequestIds.HEADER, exchange.requestId());
        response.end(Buffer.buffer(body));
    }

    private static boolean admitted(Verdict verdict, Exchange exchange, HttpServerRequest request, ServedChannel channel,
                                    Permission permission) {
        if (verdict instanceof Verdict.Reject reject) {
            reject(exchange, request, reject.problem());
            return false;
        }
        Problem refused = ChannelAccess.refusal(exchange, channel, permission);
        if (refused != null) {
            reject(exchange, request, refused);
            return false;
        }
        return true;
    }

    private static void tooLarge(Exchange exchange, HttpServerRequest request) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        reject(exchange, request, ProblemType.PAYLOAD_TOO_LARGE.withDetail("An event's body may have at most "
                + "the gateway's maximum body size (gatehouse.gateway.proxy.max-body-size)."));
    }

    private static void reject(Exchange exchange, HttpServerRequest request, Problem problem) {
        exchange.outcome(Outcome.REJECTED);
        ProblemResponder.send(request.response(), exchange, problem);
    }
}
