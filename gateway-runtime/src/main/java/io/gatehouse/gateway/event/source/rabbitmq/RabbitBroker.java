package io.gatehouse.gateway.event.source.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.gatehouse.gateway.event.source.OutageGate;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One RabbitMQ broker as the gateway uses it: a connection made on first use (and again after it was
 * lost), a publishing channel with publisher confirms, channels for consumers. Exchanges are declared
 * as durable topic exchanges when they do not exist yet.
 */
final class RabbitBroker implements AutoCloseable {

    private final String uri;
    private final Duration timeout;
    private final Set<String> declared = new HashSet<>();
    private final OutageGate outage;
    private Connection connection;
    private Channel publishing;
    private boolean closed;

    RabbitBroker(String uri, Duration timeout, Duration outageHold) {
        this.uri = uri;
        this.timeout = timeout;
        this.outage = new OutageGate(outageHold);
    }

    String uri() {
        return uri;
    }

    static ConnectionFactory factory(String uri, Duration timeout) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (Exception e) {
            throw new SourceUnavailableException("the RabbitMQ URI is not usable: " + e.getMessage(), e);
        }
        factory.setConnectionTimeout((int) timeout.toMillis());
        factory.setHandshakeTimeout((int) timeout.toMillis());
        factory.setRequestedHeartbeat(10);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    synchronized Connection connection() {
        if (closed) {
            throw new SourceUnavailableException("the RabbitMQ broker is no longer served");
        }
        if (connection == null || !connection.isOpen()) {
            outage.check();
            try {
                connection = factory(uri, timeout).newConnection("gatehouse-gateway");
                publishing = null;
                declared.clear();
            } catch (IOException | TimeoutException e) {
                outage.failed("RabbitMQ does not answer: " + e.getMessage());
                throw new SourceUnavailableException("RabbitMQ does not answer: " + e.getMessage(), e);
            }
        }
        return connection;
    }

    /** A new channel on the connection, the exchange declared. */
    Channel channel(String exchange) {
        Connection open = connection();
        try {
            ensureExchange(open, exchange);
            return open.createChannel();
        } catch (IOException e) {
            throw new SourceUnavailableException("RabbitMQ refused a channel: " + e.getMessage(), e);
        }
    }

    synchronized void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try {
            Connection open = connection();
            ensureExchange(open, exchange);
            if (publishing == null || !publishing.isOpen()) {
                publishing = open.createChannel();
                publishing.confirmSelect();
            }
            publishing.basicPublish(exchange, routingKey, properties, body);
            publishing.waitForConfirmsOrDie(timeout.toMillis());
        } catch (IOException | TimeoutException e) {
            publishing = null;
            throw new SourceUnavailableException("RabbitMQ did not confirm the message: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while publishing to RabbitMQ", e);
        }
    }

    private synchronized void ensureExchange(Connection open, String exchange) throws IOException {
        if (declared.contains(exchange) || exchange.isEmpty()) {
            return;
        }
        declareExchange(open, exchange);
        declared.add(exchange);
    }

    static void declareExchange(Connection open, String exchange) throws IOException {
        try (Channel passive = open.createChannel()) {
            passive.exchangeDeclarePassive(exchange);
        } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException missing) {
            try (Channel declaring = open.createChannel()) {
                declaring.exchangeDeclare(exchange, "topic", true);
            } catch (TimeoutException e) {
                throw new IOException(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null && connection.isOpen()) {
            try {
                connection.close((int) timeout.toMillis());
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
        connection = null;
    }
}
