package io.gatehouse.gateway.event.source.mqtt;

import io.gatehouse.gateway.MachineServices;
import io.gatehouse.gateway.event.source.BrokerSourceContract;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
}
