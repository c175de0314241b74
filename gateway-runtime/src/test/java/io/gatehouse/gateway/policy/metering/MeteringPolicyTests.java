package io.gatehouse.gateway.policy.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedOperation;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.exchange.Exchange;
import io.gatehouse.gateway.policy.DropReason;
import io.gatehouse.gateway.policy.Message;
import io.vertx.core.MultiMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the metering policy hands the sink: the operation or channel called, and dropped events. */
class MeteringPolicyTests {

    private final List<UsageRecord> recorded = new ArrayList<>();
    private final MeteringPolicy metering = new MeteringPolicy(new MeteringConfig("node-a"), new UsageSink() {
        @Override
        public void accept(UsageRecord record) {
            recorded.add(record);
        }

        @Override
        public void flush() {
        }
    });
    private final ServedApi api = new ServedApi(UUID.randomUUID(), "pets", "/pets/v1", ApiType.REST, null, null, Map.of(),
            List.of(), null, null, false, List.of(), List.of(), null);

    @Test
    void aCallCarriesTheTemplateOfTheOperationItMatched() {
        Exchange matched = exchange("/pets/v1/pets/7");
        matched.callOperation(new ServedOperation(UUID.randomUUID(), "GET", "/pets/{petId}", "getPet", List.of()));
        Exchange unmatched = exchange("/pets/v1/other");

        metering.onLog(matched);
        metering.onLog(unmatched);

        assertThat(recorded).extracting(UsageRecord::operation).containsExactly("/pets/{petId}", null);
        assertThat(recorded).extracting(UsageRecord::path).containsExactly("/pets/v1/pets/7", "/pets/v1/other");
    }

    @Test
    void aDroppedEventIsARejectedNonBillableEventOfItsChannel() {
        Exchange stream = exchange("/pets/v1/lights/4/measured");
        stream.useChannel(new ServedChannel(UUID.randomUUID(), "lights/measured", "lights/{id}/measured",
                "/lights/{id}/measured", true, false, "lights.{id}.measured"));
        Message event = new Message(Message.Direction.DELIVER, "lights/measured", "9", ByteBuffer.wrap(new byte[12]));

        metering.onMessage(stream, event);
        metering.onMessageDropped(stream, event, DropReason.POLICY);
        metering.onMessageDropped(stream, event, DropReason.OVERFLOW);

        assertThat(recorded).allSatisfy(record -> {
            assertThat(record.kind()).isEqualTo(UsageKind.EVENT);
            assertThat(record.operation()).isEqualTo("lights/measured");
            assertThat(record.method()).isEqualTo("DELIVER");
        });
        assertThat(recorded).extracting(UsageRecord::outcome)
                .containsExactly(Outcome.ACCEPTED, Outcome.REJECTED, Outcome.REJECTED);
        assertThat(recorded).extracting(UsageRecord::status).containsExactly(200, 429, 503);
        assertThat(recorded).extracting(UsageRecord::billable).containsExactly(true, false, false);
        assertThat(recorded).extracting(UsageRecord::responseBytes).containsExactly(12L, 0L, 0L);
    }

    private Exchange exchange(String path) {
        Exchange exchange = new Exchange("req-1", "GET", path, null, MultiMap.caseInsensitiveMultiMap(), null);
        exchange.routeTo(api, path.substring("/pets/v1".length()));
        exchange.outcome(Outcome.ACCEPTED);
        exchange.status(200);
        return exchange;
    }
}
