package io.gatehouse.gateway.event.source.kafka;

import io.gatehouse.core.api.event.KafkaSecurity;
import io.gatehouse.core.api.event.KafkaSource;

/** A Kafka cluster as the gateway connects to it: its bootstrap servers and how to connect. One set of clients each. */
record KafkaAddress(String bootstrapServers, KafkaSecurity security) {

    static KafkaAddress of(KafkaSource source) {
        return new KafkaAddress(source.bootstrapServers(), source.security());
    }

}
