package io.gatehouse.gateway.proxy;

import io.gatehouse.core.usage.Outcome;
import io.gatehouse.gateway.exchange.ContentLength;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.exchange.RequestIds;
import io.gatehouse.gateway.policy.Phase;
import io.gatehouse.gateway.policy.PolicyChain;
import io.gatehouse.gateway.policy.Verdict;
import io.gatehouse.gateway.problem.ProblemResponder;
import io.gatehouse.gateway.problem.ProblemType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a call on an upstream connection, on the call's event loop: sends the request (its body
 * streamed, cut off past the size limit), runs the response phase on the answer's head, and relays the
 * answer. An answer whose declared body fits {@link #SMALL_BODY} is sent with its head in one write, as
 * nginx buffers such answers; larger and unframed ones stream through with back-pressure both ways.
 */
final class ProxiedCall implements UpstreamCall {

    private static final Logger log = LoggerFactory.getLogger(ProxiedCall.class);
    private static final int SMALL_BODY = 64 * 1024;
    private static final Set<String> NONE = Set.of();

    private final Exchange exchange;
    private final PolicyChain chain;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final UpstreamConnection connection;
    private final long maxBodyBytes;
    private final Consumer<Throwable> failure;
    private final Runnable tooLarge;
    private long bodyBytes;
    private boolean cutOff;
    private boolean relaying;
    private boolean rejected;
    private boolean small;
    private boolean finished;
    private ByteBuf body;
    private List<Part> held;

    /**
     * {@code failure} hears why the attempt failed before anything was sent to the client (to retry or
     * answer with a problem); {@code tooLarge} that the request body went over {@code maxBodyBytes}.
     */
    ProxiedCall(Exchange exchange, PolicyChain chain, HttpServerRequest request, UpstreamConnection connection,
                long maxBodyBytes, Consumer<Throwable> failure, Runnable tooLarge) {
        this.exchange = exchange;
        this.chain = chain;
        this.request = request;
        this.response = request.response();
        this.connection = connection;
        this.maxBodyBytes = maxBodyBytes;
        this.failure = failure;
        this.tooLarge = tooLarge;
    }

    /** Sends {@code head} (a full request when {@code hasBody} is false), then streams the client's body. */
    void start(HttpRequest head, boolean hasBody, ContextInternal context, long responseTimeoutMillis) {
        connection.start(this, context, responseTimeoutMillis);
        connection.send(head, !hasBody);
        if (!hasBody) {
            return;
        }
        request.handler(buffer -> {
            bodyBytes += buffer.length();
            if (bodyBytes > maxBodyBytes) {
                cutOff();
                return;
            }
            connection.send(new DefaultHttpContent(((BufferInternal) buffer).getByteBuf()), false);
        });
        request.endHandler(ended -> {
            if (!cutOff && !finished) {
                connection.send(LastHttpContent.EMPTY_LAST_CONTENT, true);
            }
        });
        request.exceptionHandler(error -> {
            if (!finished) {
                connection.abandon(); // the client went away mid-body: the upstream must not see it as complete
            }
        });
        request.resume();
    }

    /** The body went over the limit: the upstream never sees it complete, the client gets 413. */
    private void cutOff() {
        cutOff = true;
        request.pause();
        request.handler(null);
        connection.abandon();
        tooLarge.run();
    }

    @Override
    public void writable(boolean writable) {
        if (cutOff) {
            return;
        }
        if (writable) {
            request.resume();
        } else {
            request.pause();
        }
    }

    @Override
    public void head(HttpResponse head) {
        exchange.status(head.status().code());
        exchange.outcome(Outcome.ACCEPTED);
        Verdict verdict = chain.run(Phase.RESPONSE, exchange);
        if (verdict instanceof Verdict.Pending pending) {
            held = new ArrayList<>();
            connection.autoRead(false);
            Context context = Vertx.currentContext();
            pending.decision().whenComplete((decided, error) -> context.runOnContext(ignored -> {
                List<Part> parts = held;
                if (parts == null) {
                    return; // the connection failed meanwhile, and the call was answered or tried again
                }
                held = null;
                relay(head, error == null ? decided : Verdict.reject(ProblemType.INTERNAL_ERROR.withDetail(
                        "The gateway failed to process the request " + exchange.requestId() + ".")));
                for (Part part : parts) {
                    content(part.content(), part.last());
                }
                if (!finished) {
                    connection.autoRead(true);
                }
            }));
            return;
        }
        relay(head, verdict);
    }

    private void relay(HttpResponse head, Verdict verdict) {
        relaying = true;
        if (verdict instanceof Verdict.Reject reject) {
            rejected = true;
            exchange.outcome(Outcome.REJECTED);
            if (!finished) {
                connection.abandon();
            }
            ProblemResponder.send(response, exchange, reject.problem());
            return;
        }
        int status = head.status().code();
        response.setStatusCode(status);
        String message = head.status().reasonPhrase();
        if (message != null && !message.isEmpty()) {
            response.setStatusMessage(message);
        }
        MultiMap headers = response.headers();
        HopByHopHeaders.copy(head.headers(), headers::add, NONE);
        replaceWith(headers, exchange.responseHeaders());
        if (!headers.contains(RequestIds.HEADER)) {
            headers.set(RequestIds.HEADER, exchange.requestId());
        }
        if (!headers.contains(HttpHeaders.CONTENT_LENGTH) && mayHaveBody(status)) {
            response.setChunked(true);
        }
        long length = ContentLength.declared(headers);
        small = length >= 0 && length <= SMALL_BODY;
    }

    /** The headers policies added replace the upstream's of the same names. */
    private static void replaceWith(MultiMap headers, MultiMap added) {
        if (added.isEmpty()) {
            return;
        }
        List<String> replaced = new ArrayList<>(4);
        for (Map.Entry<String, String> header : added) {
            String name = header.getKey();
            if (!HopByHopHeaders.containsIgnoreCase(replaced, name)) {
                replaced.add(name);
                headers.remove(name);
            }
            headers.add(name, header.getValue());
        }
    }

    @Override
    public void content(ByteBuf content, boolean last) {
        finished |= last;
        if (held != null) {
            held.add(new Part(content, last));
            return;
        }
        if (rejected || cutOff) {
            content.release();
            return;
        }
        if (small) {
            gather(content);
            if (last) {
                ByteBuf whole = body;
                body = null;
                response.end(BufferInternal.buffer(whole)).onFailure(this::clientGone);
            }
            return;
        }
        if (last) {
            (content.isReadable() ? response.end(BufferInternal.buffer(content)) : released(content).end())
                    .onFailure(this::clientGone);
            return;
        }
        response.write(BufferInternal.buffer(content)).onFailure(this::clientGone);
        if (response.writeQueueFull()) {
            connection.autoRead(false);
            response.drainHandler(drained -> {
                if (!finished) {
                    connection.autoRead(true);
                }
            });
        }
    }

    private void gather(ByteBuf content) {
        if (body == null) {
            body = content;
        } else if (body instanceof CompositeByteBuf parts) {
            parts.addComponent(true, content);
        } else {
            body = content.alloc().compositeBuffer().addComponents(true, body, content);
        }
    }

    private HttpServerResponse released(ByteBuf content) {
        content.release();
        return response;
    }

    private void clientGone(Throwable error) {
        log.debug("Could not relay the answer to request {}", exchange.requestId(), error);
        if (!finished) {
            connection.abandon();
        }
        response.reset();
    }

    @Override
    public void failed(Throwable error) {
        if (body != null) {
            body.release();
            body = null;
        }
        if (held != null) {
            held.forEach(part -> part.content().release());
            held = null;
        }
        if (cutOff) {
            return;
        }
        if (relaying) {
            response.reset(); // the client may have the head already: the answer cannot be replaced by a problem
            log.debug("Upstream of {} failed mid-response for request {}", exchange.api().context(), exchange.requestId(), error);
            return;
        }
        failure.accept(error); // the proxy tries again, or answers with a problem
    }

    /** A part of the answer that came while a response-phase policy was still deciding. */
    private record Part(ByteBuf content, boolean last) {
    }

    private boolean mayHaveBody(int status) {
        return !"HEAD".equals(exchange.method()) && status != 204 && status != 304 && status >= 200;
    }
}
