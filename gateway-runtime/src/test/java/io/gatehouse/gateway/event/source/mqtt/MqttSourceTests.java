package io.gatehouse.gateway.event.source.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.MachineServices;
import io.gatehouse.gateway.event.source.BrokerSourceContract;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The MQTT source against the machine's Mosquitto at 127.0.0.1:1883. */
@ExtendWith(MqttSourceTests.MosquittoRequired.class)
class MqttSourceTests extends BrokerSourceContract {

    static final String SERVER = "tcp://127.0.0.1:1883";

    /** Fails (CI) or skips the class when Mosquitto does not answer. */
    static final class MosquittoRequired implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            MachineServices.require("Mosquitto", "127.0.0.1", 1883, MachineServices.listening("127.0.0.1", 1883), context);
        }
    }

    private String prefix;
    private MqttClient device;

    @BeforeEach
    void connect() throws Exception {
        prefix = "gatehouse-test/" + UUID.randomUUID().toString().substring(0, 8);
        device = new MqttClient(SERVER, "device-" + UUID.randomUUID(), new MemoryPersistence());
        device.connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        device.disconnect();
        device.close();
    }

    @Override
    protected Map<String, Object> source() {
        return Map.of("kind", "MQTT", "serverUri", SERVER, "topics", Map.of("lights/measured", prefix + "/lights/{lightId}/measured"));
    }

    @Override
    protected Map<String, Object> unreachableSource() {
        return Map.of("kind", "MQTT", "serverUri", "tcp://127.0.0.1:1");
    }

    @Override
    protected void sendDirectly(String lightId, String payload) throws Exception {
        device.publish(prefix + "/lights/" + lightId + "/measured", payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** A subscriber at QoS 2 gets each message at the QoS it was published with: the source's. */
    @Test
    void publishesWithTheSourcesQualityOfService() throws Exception {
        for (int qos = 0; qos <= 2; qos++) {
            String topics = prefix + "/qos" + qos + "/lights";
            Published api = eventApi(Map.of("kind", "MQTT", "serverUri", SERVER, "qos", qos,
                    "topics", Map.of("lights/measured", topics + "/{lightId}/measured")));
            Caller caller = subscribe(api);
            BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
            device.subscribe(new MqttSubscription[] {new MqttSubscription(topics + "/+/measured", 2)},
                    new IMqttMessageListener[] {(topic, message) -> received.add(message)});

            publish(api.context() + "/lights/1/measured", caller.apiKey(), "{\"qos\":" + qos + "}");

            MqttMessage message = received.poll(WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(message).as("published at QoS %s", qos).isNotNull();
            assertThat(message.getQos()).isEqualTo(qos);
        }
    }
}
