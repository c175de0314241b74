package io.gatehouse.gateway.event.source.kafka;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** One in-process KRaft broker for the test JVM, started on first use and stopped when the JVM exits. */
final class EmbeddedKafka {

    private static EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
            started.brokerProperties(Map.of(
                    "auto.create.topics.enable", "true",
                    "group.initial.rebalance.delay.ms", "0",
                    "offsets.topic.num.partitions", "3"));
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
            broker = started;
        }
        return broker.getBrokersAsString();
    }

    static synchronized EmbeddedKafkaKraftBroker broker() {
        bootstrapServers();
        return broker;
    }
}
