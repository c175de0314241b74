package io.gatehouse.gateway.event.source.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft broker whose clients must sign in with SASL/PLAIN ({@link JaasUtils}' users), for the
 * test JVM, started on first use and stopped when the JVM exits.
 */
final class SaslKafka {

    static final String USER = JaasUtils.KAFKA_PLAIN_ADMIN;
    static final String PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    private static KafkaClusterTestKit cluster;
    private static IllegalStateException failed;

    private SaslKafka() {
    }

    static synchronized String bootstrapServers() {
        if (failed != null) {
            throw failed; // once is enough to wait for a broker that does not start
        }
        if (cluster == null) {
            try {
                KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .build())
                        .setConfigProp("auto.create.topics.enable", "true")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("offsets.topic.num.partitions", "3")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .build();
                started.format();
                started.startup();
                started.waitForReadyBrokers();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception e) {
                        // the JVM is going away
                    }
                }));
                cluster = started;
            } catch (Exception e) {
                failed = new IllegalStateException("cannot start the SASL Kafka broker", e);
                throw failed;
            }
        }
        return cluster.bootstrapServers();
    }

    /** Client settings that sign in as {@link #USER}, as another application would. */
    static Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", bootstrapServers());
        settings.put("security.protocol", "SASL_PLAINTEXT");
        settings.put("sasl.mechanism", "PLAIN");
        settings.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + USER + "\" password=\"" + PASSWORD + "\";");
        return settings;
    }
}
