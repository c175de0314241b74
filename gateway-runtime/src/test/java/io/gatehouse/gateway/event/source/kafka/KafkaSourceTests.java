package io.gatehouse.gateway.event.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.gateway.event.source.BrokerSourceContract;
import io.gatehouse.gateway.event.sse.SseClient;
import io.gatehouse.gateway.event.sse.SseClient.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kafka source against an in-process KRaft broker: streams, resume across partitions, webhooks, an unreachable cluster. */
class KafkaSourceTests extends BrokerSourceContract {

    private String prefix;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(config);
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Override
    protected Map<String, Object> source() {
        return Map.of("kind", "KAFKA", "bootstrapServers", EmbeddedKafka.bootstrapServers(),
                "topics", Map.of("lights/measured", prefix + ".lights.{lightId}.measured", "alerts", prefix + ".alerts"));
    }

    @Override
    protected Map<String, Object> unreachableSource() {
        return Map.of("kind", "KAFKA", "bootstrapServers", "127.0.0.1:1");
    }

    @Override
    protected void sendDirectly(String lightId, String payload) throws Exception {
        producer.send(new ProducerRecord<>(prefix + ".lights." + lightId + ".measured", payload)).get();
    }

    @Test
    void resumingWithLastEventIdGetsExactlyTheMissedRecordsOfEveryPartition() throws Exception {
        EmbeddedKafka.broker().addTopics(new NewTopic(prefix + ".alerts", 3, (short) 1));
        Published api = eventApi(source());
        Caller caller = subscribe(api);
        String path = "/alerts";
        SseClient first = stream(api, path, caller.apiKey(), null);
        first.line(WITHIN);

        sendToPartitions("a", 6);
        List<Event> seen = first.events(6, WITHIN);
        assertThat(seen).extracting(Event::data).containsExactlyInAnyOrder("a0", "a1", "a2", "a3", "a4", "a5");
        assertThat(seen.getLast().id()).as("a cursor over the three partitions").matches("0:\\d+,1:\\d+,2:\\d+");
        first.close();
        await().atMost(WITHIN).until(() -> streams.subscribers(api.api().getId(), path) == 0);
        sendToPartitions("b", 6);

        SseClient resumed = stream(api, path, caller.apiKey(), seen.getLast().id());
        List<Event> missed = resumed.events(6, WITHIN);
        assertThat(missed).extracting(Event::data).containsExactlyInAnyOrder("b0", "b1", "b2", "b3", "b4", "b5");
        assertInPartitionOrder(missed);
        sendToPartitions("c", 1);
        assertThat(resumed.events(1, WITHIN)).extracting(Event::data).containsExactly("c0");

        SseClient fromTheMiddle = stream(api, path, caller.apiKey(), seen.get(2).id());
        List<Event> rest = fromTheMiddle.events(10, WITHIN);
        List<String> expected = new ArrayList<>(seen.subList(3, 6).stream().map(Event::data).toList());
        expected.addAll(List.of("b0", "b1", "b2", "b3", "b4", "b5", "c0"));
        assertThat(rest).extracting(Event::data).containsExactlyInAnyOrderElementsOf(expected);
        Thread.sleep(500);
        assertThat(resumed.pending()).noneMatch(line -> line.startsWith("data: "));
        assertThat(fromTheMiddle.pending()).noneMatch(line -> line.startsWith("data: "));
    }

    @Test
    void aParameterisedChannelOnOneTopicIsFilteredByThePathHeader() throws Exception {
        Published api = eventApi(Map.of("kind", "KAFKA", "bootstrapServers", EmbeddedKafka.bootstrapServers(),
                "topics", Map.of("lights/measured", prefix + ".measurements")));
        Caller caller = subscribe(api);
        SseClient light1 = stream(api, "/lights/1/measured", caller.apiKey(), null);
        light1.line(WITHIN);

        publish(api.context() + "/lights/2/measured", caller.apiKey(), "two");
        String id = publish(api.context() + "/lights/1/measured", caller.apiKey(), "one");

        assertThat(light1.events(1, WITHIN)).containsExactly(new Event(id, "one"));
    }

    private void sendToPartitions(String prefixOfData, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(prefix + ".alerts", i % 3, null, prefixOfData + i)).get();
        }
    }

    private static void assertInPartitionOrder(List<Event> events) {
        Map<Integer, Integer> lastByPartition = new HashMap<>();
        for (Event event : events) {
            int n = Integer.parseInt(event.data().substring(1));
            Integer before = lastByPartition.put(n % 3, n);
            assertThat(before == null || before < n).as("order within partition %s", n % 3).isTrue();
        }
    }

}
