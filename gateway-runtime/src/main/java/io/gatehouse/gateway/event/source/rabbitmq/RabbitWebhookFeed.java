package io.gatehouse.gateway.event.source.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.WebhookSink;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes an API's channels for webhook delivery from the durable queue
 * {@code gatehouse.webhooks.<api id>}, bound to the exchange with a pattern per channel (each word
 * holding a parameter becomes {@code #}). Every gateway node consumes it, so RabbitMQ gives each
 * message to one node; a message is acknowledged once the outbox has it, else given back. The queue
 * keeps messages while no gateway runs. Its own connection, reconnected by itself with backoff.
 */
final class RabbitWebhookFeed implements Feed {

    private static final Logger log = LoggerFactory.getLogger(RabbitWebhookFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String uri;
    private final String exchange;
    private final UUID apiId;
    private final List<SourceChannel> channels;
    private final WebhookSink sink;
    private final Duration timeout;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile Connection connection;

    RabbitWebhookFeed(String uri, String exchange, UUID apiId, List<SourceChannel> channels, WebhookSink sink, Duration timeout) {
        this.uri = uri;
        this.exchange = exchange;
        this.apiId = apiId;
        this.channels = List.copyOf(channels);
        this.sink = sink;
        this.timeout = timeout;
        this.thread = Thread.ofVirtual().name("rabbitmq-webhooks-" + apiId).start(this::run);
    }

    static String queue(UUID apiId) {
        return "gatehouse.webhooks." + apiId;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            try {
                Connection open = RabbitBroker.factory(uri, timeout).newConnection("gatehouse-webhooks");
                connection = open;
                CountDownLatch lost = new CountDownLatch(1);
                open.addShutdownListener(signal -> lost.countDown());
                consume(open);
                connected = true;
                backoff = Duration.ofMillis(500);
                lost.await();
                connected = false;
                if (!closed) {
                    log.warn("The webhook feed of API {} lost RabbitMQ; reconnecting", apiId);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                connected = false;
                if (closed) {
                    return;
                }
                log.warn("The webhook feed of API {} cannot reach RabbitMQ; retrying in {} ms: {}", apiId, backoff.toMillis(),
                        e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void consume(Connection open) throws IOException {
        RabbitBroker.declareExchange(open, exchange);
        Channel channel = open.createChannel();
        String queue = queue(apiId);
        channel.queueDeclare(queue, true, false, false, null);
        for (SourceChannel at : channels) {
            channel.queueBind(queue, exchange, at.name().filter('.', "#"));
        }
        channel.basicQos(100);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
                handOver(channel, envelope, properties, body);
            }
        });
    }

    private void handOver(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        String path = RabbitMessages.header(properties, SourceChannel.PATH_HEADER);
        for (SourceChannel at : channels) {
            if (at.owns(envelope.getRoutingKey(), path)) {
                try {
                    sink.enqueue(List.of(new WebhookEvent(at.channel().name(), RabbitMessages.webhookEventId(properties),
                            RabbitMessages.contentType(properties), body == null ? new byte[0] : body)));
                } catch (RuntimeException e) {
                    log.warn("Handing a RabbitMQ message of API {} to webhooks failed; it goes back to the queue: {}", apiId,
                            e.getMessage());
                    pause();
                    channel.basicNack(envelope.getDeliveryTag(), false, true);
                    return;
                }
                break;
            }
        }
        channel.basicAck(envelope.getDeliveryTag(), false);
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
        Connection open = connection;
        if (open != null && open.isOpen()) {
            try {
                open.close((int) timeout.toMillis());
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }
}
