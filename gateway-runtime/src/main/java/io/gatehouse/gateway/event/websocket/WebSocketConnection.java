package io.gatehouse.gateway.event.websocket;

import io.gatehouse.core.plan.PlanSpec.Permission;
import io.gatehouse.gateway.event.ChannelAccess;
import io.gatehouse.gateway.event.Decisions;
import io.gatehouse.gateway.event.EventPublishing;
import io.gatehouse.gateway.event.stream.StreamHub;
import io.gatehouse.gateway.event.stream.StreamSubscriber;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.Message;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemType;
import io.gatehouse.gateway.route.ChannelMatcher;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One admitted WebSocket on a channel path: its stream of events (when the caller may subscribe) and the
 * publishes it sends (when it may publish). Frames are read one message at a time: a text message of at
 * most {@code maxMessageBytes} is a {@link PublishFrame}; the socket is paused while it is published, so
 * publishes are answered in order. A publish is one more call on the admitted connection
 * ({@link Exchange#nextOnConnection()}): the request phase (rate limits, quota), then the message phase
 * (metering), then the same {@link EventPublishing} as {@code POST}. Refusals that may pass later (429, 503)
 * are answered with an {@code error} frame; any other refusal, and any malformed or oversized message,
 * closes the socket with the code that says why.
 */
final class WebSocketConnection {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);

    private final ServerWebSocket socket;
    private final Exchange exchange;
    private final PolicyChain chain;
    private final ChannelMatcher.Match match;
    private final StreamSubscriber subscriber;
    private final WebSocketWriter writer;
    private final Publishing publishing;
    private Buffer message;

    /** What publishing needs from the gateway, the same for every connection. */
    record Publishing(EventPublishing publisher, JsonMapper json, long maxPayload,
                      int maxMessageBytes) {
    }

    WebSocketConnection(ServerWebSocket socket, Exchange exchange, PolicyChain chain, ChannelMatcher.Match match,
                        StreamSubscriber subscriber, WebSocketWriter writer, Publishing publishing) {
        this.socket = socket;
        this.exchange = exchange;
        this.chain = chain;
        this.match = match;
        this.subscriber = subscriber;
        this.writer = writer;
        this.publishing = publishing;
    }

    void start() {
        socket.frameHandler(this::frame);
        socket.exceptionHandler(this::failed);
    }

    private void frame(WebSocketFrame frame) {
        if (writer.closing() || frame.isClose() || frame.isPing() || frame.type() == WebSocketFrameType.PONG) {
            return;
        }
        if (frame.isBinary() || frame.isContinuation() && message == null) {
            close(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not accepted; publish with JSON text frames {\"type\":\"publish\",…}.");
            return;
        }
        if (frame.isText()) {
            message = Buffer.buffer();
        }
        if (message == null) {
            return;
        }
        if (message.length() + frame.binaryData().length() > publishing.maxMessageBytes()) {
            message = null;
            close(CloseCodes.MESSAGE_TOO_BIG, "A message may have at most " + publishing.maxMessageBytes()
                    + " bytes (from the gateway's maximum body size).");
            return;
        }
        message.appendBuffer(frame.binaryData());
        if (frame.isFinal()) {
            String text = message.toString(StandardCharsets.UTF_8);
            message = null;
            publish(text);
        }
    }

    private void publish(String text) {
        Problem notPermitted = ChannelAccess.refusal(exchange, match.channel(), Permission.PUBLISH);
        if (notPermitted != null) {
            close(CloseCodes.POLICY_VIOLATION, notPermitted.detail());
            return;
        }
        PublishFrame frame;
        try {
            frame = PublishFrame.parse(text, publishing.json(), publishing.maxPayload());
        } catch (PublishFrame.Refused refused) {
            close(refused.code(), refused.getMessage());
            return;
        }
        socket.pause();
        Exchange call = exchange.nextOnConnection();
        Decisions.whenDecided(chain.run(Phase.REQUEST, call), verdict -> {
            if (verdict instanceof Verdict.Reject reject) {
                refused(call, frame, reject.problem());
                return;
            }
            call.meterPerMessage();
            Message event = new Message(Message.Direction.PUBLISH, match.channel().name(), null,
                    ByteBuffer.wrap(frame.payload()).asReadOnlyBuffer());
            Decisions.whenDecided(chain.onMessage(call, event), decided -> {
                switch (decided) {
                    case Verdict.Reject reject -> refused(call, frame, reject.problem());
                    case Verdict.Drop drop -> refused(call, frame, ProblemType.QUOTA_EXCEEDED.withDetail(
                            "The event was not accepted by the API's policies; retry later."));
                    default -> store(call, frame);
                }
            }, this::internalError);
        }, this::internalError);
    }

    private void store(Exchange call, PublishFrame frame) {
        publishing.publisher().publish(call, match, frame.contentType(), frame.payload()).onComplete(stored -> {
            if (stored.succeeded()) {
                answer(EventFrames.ack(frame.ref(), stored.result().id()));
            } else {
                log.warn("Request {}: publishing an event of API {} failed: {}", call.requestId(), call.api().name(),
                        stored.cause().toString());
                refused(call, frame, ProblemType.SERVICE_UNAVAILABLE.withDetail(
                        "The API's event source cannot take the event right now; retry shortly."));
            }
        });
    }

    private void refused(Exchange call, PublishFrame frame, Problem problem) {
        if (problem.status() == 429 || problem.status() == 503) {
            answer(EventFrames.error(frame.ref(), problem, call.responseHeaders().get(HttpHeaders.RETRY_AFTER)));
        } else {
            close(CloseCodes.of(problem), problem.detail());
        }
    }

    private void answer(String frame) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(frame);
            socket.resume();
        }
    }

    private void internalError(Throwable error) {
        log.error("Request {}: a publish on a WebSocket of API {} failed in the gateway", exchange.requestId(),
                exchange.api().name(), error);
        close(CloseCodes.INTERNAL_ERROR, "The gateway failed to process the message (request " + exchange.requestId() + ").");
    }

    private void failed(Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException corrupted) {
            short code = (short) corrupted.closeStatus().code();
            close(code, code == CloseCodes.MESSAGE_TOO_BIG ? "A message may have at most " + publishing.maxMessageBytes()
                    + " bytes (from the gateway's maximum body size)." : corrupted.getMessage());
            return;
        }
        log.debug("Request {}: WebSocket failed: {}", exchange.requestId(), error.toString());
    }

    private void close(short code, String reason) {
        subscriber.close();
        writer.close(code, reason);
    }
}
