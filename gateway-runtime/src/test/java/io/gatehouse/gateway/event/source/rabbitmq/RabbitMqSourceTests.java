package io.gatehouse.gateway.event.source.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.gatehouse.gateway.MachineServices;
import io.gatehouse.gateway.event.source.BrokerSourceContract;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.sse.SseClient.Event;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The RabbitMQ source against the machine's broker at 127.0.0.1:5672 (guest/guest). */
@ExtendWith(RabbitMqSourceTests.RabbitMqRequired.class)
class RabbitMqSourceTests extends BrokerSourceContract {

    static final String URI = "amqp://guest:guest@127.0.0.1:5672/%2F";

    /** Fails (CI) or skips the class when RabbitMQ does not answer. */
    static final class RabbitMqRequired implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            MachineServices.require("RabbitMQ", "127.0.0.1", 5672, MachineServices.listening("127.0.0.1", 5672), context);
        }
    }

    private String exchange;
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        exchange = "gatehouse-test-" + UUID.randomUUID().toString().substring(0, 8);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URI);
        connection = factory.newConnection("test");
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", false, true, null);
    }

    @AfterEach
    void disconnect() throws Exception {
        connection.close();
    }

    @Override
    protected Map<String, Object> source() {
        return Map.of("kind", "RABBITMQ", "uri", URI, "exchange", exchange,
                "routingKeys", Map.of("lights/measured", "lights.{lightId}.measured"));
    }

    @Override
    protected Map<String, Object> unreachableSource() {
        return Map.of("kind", "RABBITMQ", "uri", "amqp://guest:guest@127.0.0.1:1/%2F", "exchange", "nowhere");
    }

    @Override
    protected void sendDirectly(String lightId, String payload) throws Exception {
        channel.basicPublish(exchange, "lights." + lightId + ".measured", null, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theDefaultRoutingKeyIsTheAddressAndIdsAreUniqueWithoutResume() throws Exception {
        Published api = eventApi(Map.of("kind", "RABBITMQ", "uri", URI, "exchange", exchange));
        Caller caller = subscribe(api);
        SseClient stream = stream(api, "/lights/8/measured", caller.apiKey(), "12345");
        stream.line(WITHIN);

        channel.basicPublish(exchange, "lights/8/measured", null, "one".getBytes(StandardCharsets.UTF_8));
        channel.basicPublish(exchange, "lights/8/measured", null, "two".getBytes(StandardCharsets.UTF_8));

        var events = stream.events(2, WITHIN);
        assertThat(events).extracting(Event::data).containsExactly("one", "two");
        assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    }
}
