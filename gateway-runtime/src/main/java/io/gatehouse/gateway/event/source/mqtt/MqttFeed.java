package io.gatehouse.gateway.event.source.mqtt;

import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.SourceUnavailableException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One channel path read by this node for its streams: a clean-start client subscribed to the path's
 * topic at the source's QoS. A lost connection ends the feed.
 */
final class MqttFeed extends QuietCallback implements Feed {

    private final UUID apiId;
    private final SourceChannel channel;
    private final String path;
    private final FeedSink sink;
    private final MqttAsyncClient client;
    private volatile boolean closed;

    MqttFeed(String serverUri, String topic, int qos, Duration timeout, UUID apiId, SourceChannel channel, String path, FeedSink sink) {
        this.apiId = apiId;
        this.channel = channel;
        this.path = path;
        this.sink = sink;
        this.client = MqttClients.connect(serverUri, MqttClients.clientId("stream"), timeout, this, Duration.ZERO);
        try {
            client.subscribe(topic, qos).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            close();
            throw new SourceUnavailableException("the MQTT broker refused the subscription to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        String received = channel.pathOf(topic, MqttClients.userProperty(message, SourceChannel.PATH_HEADER));
        if (path.equals(received)) {
            sink.accept(MqttClients.event(apiId, channel, path, message));
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lost(new SourceUnavailableException("the MQTT broker disconnected: " + response.getReasonString()));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        lost(exception);
    }

    private void lost(Throwable cause) {
        if (!closed) {
            closed = true;
            sink.failed(cause);
            Thread.ofVirtual().start(() -> MqttClients.close(client));
        }
    }

    @Override
    public void close() {
        closed = true;
        MqttClients.close(client);
    }
}
