package io.gatehouse.gateway.event.source.mqtt;

import io.gatehouse.core.webhook.delivery.WebhookEvent;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.SourceChannel;
import io.gatehouse.gateway.event.source.WebhookSink;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes an API's channels for webhook delivery through the shared subscription
 * {@code $share/gatehouse-<api id>/<topic filter>} (each level holding a parameter becomes {@code +}):
 * the broker gives each message to one gateway node. Messages are acknowledged by hand once the outbox
 * has them, under a session the broker keeps for {@value #SESSION_MINUTES} minutes, so a message whose
 * node went away unacknowledged is sent again. Reconnects by itself with backoff.
 */
final class MqttWebhookFeed extends QuietCallback implements Feed {

    private static final Logger log = LoggerFactory.getLogger(MqttWebhookFeed.class);
    private static final int SESSION_MINUTES = 10;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String serverUri;
    private final int qos;
    private final UUID apiId;
    private final List<SourceChannel> channels;
    private final WebhookSink sink;
    private final Duration timeout;
    private final String clientId;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile MqttAsyncClient client;
    private volatile CountDownLatch lost;

    MqttWebhookFeed(String serverUri, int qos, UUID apiId, List<SourceChannel> channels, WebhookSink sink, Duration timeout) {
        this.serverUri = serverUri;
        this.qos = qos;
        this.apiId = apiId;
        this.channels = List.copyOf(channels);
        this.sink = sink;
        this.timeout = timeout;
        this.clientId = MqttClients.clientId("webhooks-" + apiId);
        this.thread = Thread.ofVirtual().name("mqtt-webhooks-" + apiId).start(this::run);
    }

    static String filter(UUID apiId, SourceChannel channel) {
        return "$share/gatehouse-" + apiId + "/" + channel.name().filter('/', "+");
    }

    private void run() {
        Duration backoff = Duration.ofMillis(500);
        while (!closed) {
            try {
                lost = new CountDownLatch(1);
                MqttAsyncClient opened = MqttClients.connect(serverUri, clientId, timeout, this, Duration.ofMinutes(SESSION_MINUTES));
                client = opened;
                opened.setManualAcks(true);
                String[] filters = channels.stream().map(channel -> filter(apiId, channel)).toArray(String[]::new);
                int[] levels = new int[filters.length];
                Arrays.fill(levels, qos);
                opened.subscribe(filters, levels).waitForCompletion(timeout.toMillis());
                connected = true;
                backoff = Duration.ofMillis(500);
                lost.await();
                connected = false;
                MqttClients.close(opened);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                connected = false;
                MqttAsyncClient opened = client;
                if (opened != null) {
                    MqttClients.close(opened);
                }
                if (closed) {
                    return;
                }
                log.warn("The webhook feed of API {} cannot reach MQTT; retrying in {} ms: {}", apiId, backoff.toMillis(), e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
        String path = MqttClients.userProperty(message, SourceChannel.PATH_HEADER);
        for (SourceChannel channel : channels) {
            if (channel.owns(topic, path)) {
                try {
                    sink.enqueue(List.of(new WebhookEvent(channel.channel().name(), MqttClients.webhookEventId(message),
                            MqttClients.contentType(message), message.getPayload())));
                } catch (RuntimeException e) {
                    log.warn("Handing an MQTT message of API {} to webhooks failed; reconnecting to get it again: {}", apiId,
                            e.getMessage());
                    lost.countDown();
                    return;
                }
                break;
            }
        }
        MqttAsyncClient opened = client;
        if (opened != null) {
            opened.messageArrivedComplete(message.getId(), message.getQos());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!closed) {
            log.warn("The webhook feed of API {} lost MQTT; reconnecting", apiId);
        }
        lost.countDown();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        lost.countDown();
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        closed = true;
        CountDownLatch waiting = lost;
        if (waiting != null) {
            waiting.countDown();
        }
        thread.interrupt();
    }
}
