package io.gatehouse.core.api.event;

/** Where the events of an EVENT API come from and go to. */
public enum EventSourceKind {
    /** Gatehouse's own broker: events published through the gateway, kept for a retention period. */
    BUILTIN,
    /** A Kafka cluster: one topic per channel. */
    KAFKA,
    /** A RabbitMQ exchange: one routing key per channel. */
    RABBITMQ,
    /** An MQTT broker: one topic per channel. */
    MQTT
}
