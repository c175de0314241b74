package io.gatehouse.gateway.event.source.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * One channel path read by this node for its streams: an exclusive, auto-deleted queue bound to the
 * exchange with the path's routing key, consumed with automatic acknowledgement. A lost channel or
 * connection ends the feed; closing it deletes the queue.
 */
final class RabbitFeed implements Feed {

    private final Channel channel;
    private volatile boolean closed;

    RabbitFeed(RabbitBroker broker, String exchange, String bindingKey, UUID apiId, SourceChannel at, String path, FeedSink sink) {
        this.channel = broker.channel(exchange);
        try {
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, exchange, bindingKey);
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    String received = at.pathOf(envelope.getRoutingKey(), RabbitMessages.header(properties, SourceChannel.PATH_HEADER));
                    if (path.equals(received)) {
                        sink.accept(RabbitMessages.event(apiId, at, path, properties, body));
                    }
                }

                @Override
                public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
                    if (!closed) {
                        closed = true;
                        sink.failed(signal);
                    }
                }

                @Override
                public void handleCancel(String tag) {
                    if (!closed) {
                        closed = true;
                        sink.failed(new SourceUnavailableException("RabbitMQ cancelled the consumer of " + path));
                    }
                }
            });
        } catch (IOException e) {
            close();
            throw new SourceUnavailableException("RabbitMQ refused the queue of " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
            // the queue goes with the channel anyway
        }
    }
}
