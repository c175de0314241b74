package io.gatehouse.gateway.event.webhook;

import io.gatehouse.core.webhook.CallbackAddresses;
import io.gatehouse.core.webhook.CallbackRefusedException;
import io.gatehouse.core.webhook.delivery.AttemptResult;
import io.gatehouse.core.webhook.delivery.ClaimedDelivery;
import io.gatehouse.core.webhook.signature.StandardWebhooks;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one attempt of a delivery: {@code POST} to the endpoint's URL with the event's body and
 * content type, signed per Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp} of this
 * attempt, {@code webhook-signature}). The URL's host is resolved and checked by
 * {@link CallbackAddresses} right before the attempt, and the connection goes to exactly the
 * address checked (TLS still verifies the certificate for the URL's host), so a name rebound to a
 * private address after registration is refused. Redirects are not followed: a 3xx is a failed
 * attempt. The whole attempt, connection and answer, is bounded by the timeout.
 *
 * <p>{@link #send} resolves the host on the calling thread (the dispatcher's virtual threads); the
 * exchange itself runs on Vert.x.
 */
public final class WebhookSender implements AutoCloseable {

    static final String USER_AGENT = "Gatehouse-Webhooks/1";
    static final String CHANNEL_HEADER = "Gatehouse-Channel";
    private static final int MAX_ERROR_LENGTH = 300;

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final CallbackAddresses addresses;
    private final Duration timeout;

    public WebhookSender(Vertx vertx, CallbackAddresses addresses, Duration timeout) {
        this(vertx, addresses, timeout, null);
    }

    /** With {@code trust} the certificates https endpoints may present; null for the JDK's default trust store. */
    WebhookSender(Vertx vertx, CallbackAddresses addresses, Duration timeout, TrustOptions trust) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.timeout = timeout;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setKeepAliveTimeout(30)
                .setDecompressionSupported(false)
                .setVerifyHost(true);
        if (trust != null) {
            options.setTrustOptions(trust);
        }
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(4).setMaxWaitQueueSize(-1));
    }

    public CompletableFuture<AttemptResult> send(ClaimedDelivery delivery) {
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        InetAddress address;
        try {
            address = addresses.addressFor(delivery.url());
        } catch (CallbackRefusedException e) {
            return CompletableFuture.completedFuture(AttemptResult.failed(started, micros(startNanos), "refused: " + e.getMessage()));
        }
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        AtomicLong responseBytes = new AtomicLong();
        long timer = vertx.setTimer(timeout.toMillis(), ignored -> {
            if (result.complete(AttemptResult.failed(started, micros(startNanos), "timed out after " + timeout.toMillis() + " ms"))) {
                HttpClientRequest request = inFlight.get();
                if (request != null) {
                    request.reset();
                }
            }
        });
        client.request(options(delivery, address, started))
                .compose(request -> {
                    inFlight.set(request);
                    if (result.isDone()) {
                        request.reset();
                        return Future.failedFuture(new TimeoutException("connected after the deadline; not sent"));
                    }
                    return request.send(Buffer.buffer(delivery.payload()));
                })
                .compose(response -> {
                    response.handler(chunk -> responseBytes.addAndGet(chunk.length()));
                    int status = response.statusCode();
                    Duration retryAfter = RetryAfter.parse(response.getHeader(HttpHeaders.RETRY_AFTER), Instant.now());
                    return response.end().map(done -> AttemptResult.answered(started, micros(startNanos), status, retryAfter,
                            responseBytes.get()));
                })
                .onComplete(outcome -> {
                    vertx.cancelTimer(timer);
                    result.complete(outcome.succeeded() ? outcome.result()
                            : AttemptResult.failed(started, micros(startNanos), describe(outcome.cause())));
                });
        return result;
    }

    private RequestOptions options(ClaimedDelivery delivery, InetAddress address, Instant started) {
        URI url = delivery.url();
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        long timestamp = started.getEpochSecond();
        MultiMap headers = HttpHeaders.headers()
                .set(StandardWebhooks.ID_HEADER, delivery.webhookId())
                .set(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp))
                .set(StandardWebhooks.SIGNATURE_HEADER,
                        new StandardWebhooks(delivery.secret()).sign(delivery.webhookId(), timestamp, delivery.payload()))
                .set(HttpHeaders.CONTENT_TYPE, delivery.contentType())
                .set(HttpHeaders.USER_AGENT, USER_AGENT)
                .set(CHANNEL_HEADER, delivery.channel());
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setSsl(tls)
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setURI(path)
                .setHeaders(headers)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
    }

    private static String describe(Throwable error) {
        String text;
        if (error instanceof ConnectException) {
            text = "could not connect: " + error.getMessage();
        } else if (error instanceof TimeoutException) {
            text = "timed out: " + error.getMessage();
        } else {
            text = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    @Override
    public void close() {
        client.close();
    }
}
