package io.gatehouse.gateway.event.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StreamPositionTests {

    private static StreamEvent event(int partition, long seq) {
        return new StreamEvent(partition + ":" + seq, partition, seq, UUID.randomUUID(), "c", "/c", "text/plain", new byte[0],
                Instant.now());
    }

    @Test
    void aPositionOfPartitionZeroAloneIsItsBareNumber() {
        StreamPosition position = StreamPosition.parse("1187");

        assertThat(position.last(0)).isEqualTo(1187);
        assertThat(position.last(1)).isEqualTo(-1);
        assertThat(position.single()).isTrue();
        assertThat(position.token()).isEqualTo("1187");
    }

    @Test
    void partitionsAreListedWhenMoreThanTheFirstWasSeen() {
        StreamPosition position = new StreamPosition();
        position.advance(event(2, 3));
        position.advance(event(0, 15));
        position.advance(event(0, 9));

        assertThat(position.token()).isEqualTo("0:15,2:3");
        assertThat(StreamPosition.parse(position.token()).token()).isEqualTo("0:15,2:3");
        assertThat(position.covers(event(0, 15))).isTrue();
        assertThat(position.covers(event(0, 16))).isFalse();
        assertThat(position.covers(event(1, 0))).as("a partition never seen").isFalse();
    }

    @Test
    void mergingKeepsTheFurthestOfEachPartition() {
        StreamPosition position = StreamPosition.parse("0:4,1:9");
        position.merge(StreamPosition.parse("0:7,1:2,3:1"));

        assertThat(position.token()).isEqualTo("0:7,1:9,3:1");
    }

    @Test
    void whatIsNotAPositionIsNull() {
        assertThat(StreamPosition.parse(null)).isNull();
        assertThat(StreamPosition.parse(" ")).isNull();
        assertThat(StreamPosition.parse("-1")).isNull();
        assertThat(StreamPosition.parse("abc")).isNull();
        assertThat(StreamPosition.parse("0:1,x")).isNull();
        assertThat(StreamPosition.parse("99999:1")).isNull();
        assertThat(StreamPosition.parse("3fa85f64-5717-4562-b3fc-2c963f66afa6")).isNull();
    }
}
