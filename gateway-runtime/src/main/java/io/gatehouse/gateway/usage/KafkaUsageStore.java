package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageTransportProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Produces usage records to the usage topic ({@code gatehouse.usage.transport=kafka}): each record a
 * {@link UsageLines} line keyed by its id, with {@code acks=all} and an idempotent producer. A batch
 * counts as stored once every record of it is acknowledged; the control plane's ingestor moves them into
 * the ledger.
 */
@Component
@ConditionalOnProperty(name = "gatehouse.usage.transport", havingValue = "kafka")
public class KafkaUsageStore implements UsageStore, DisposableBean {

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public KafkaUsageStore(UsageTransportProperties properties) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ACK_TIMEOUT_SECONDS));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "gatehouse-usage");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = properties.kafka().topic();
    }

    @Override
    public void store(List<UsageRecord> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (UsageRecord record : records) {
            acks.add(producer.send(new ProducerRecord<>(topic, record.id().toString().getBytes(StandardCharsets.US_ASCII),
                    UsageLines.encode(record))));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the usage topic " + topic + " did not take the batch: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the usage topic " + topic + " did not acknowledge the batch in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing usage records", e);
        }
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
