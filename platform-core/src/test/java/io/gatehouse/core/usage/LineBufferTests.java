package io.gatehouse.core.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineBufferTests {

    @Test
    void uuidsAreWrittenAsUuidToStringWritesThem() {
        LineBuffer line = new LineBuffer(16);
        for (UUID uuid : new UUID[] {new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1), UsageIds.next()}) {
            line.clear();
            assertThat(text(line.uuid(uuid))).isEqualTo(uuid.toString());
        }
        for (int i = 0; i < 1000; i++) {
            UUID uuid = UUID.randomUUID();
            line.clear();
            assertThat(text(line.uuid(uuid))).isEqualTo(uuid.toString());
        }
    }

    @Test
    void numbersAreWrittenInDecimal() {
        LineBuffer line = new LineBuffer(16);
        for (long value : new long[] {0, 7, -1, 10, 99, 100, 1_764_201_600L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            line.clear();
            assertThat(text(line.decimal(value))).isEqualTo(Long.toString(value));
        }
        line.clear();
        assertThat(text(line.digits(1_500, 9))).isEqualTo("000001500");
        line.clear();
        assertThat(text(line.digits(0, 9))).isEqualTo("000000000");
    }

    @Test
    void growsAndKeepsWhatWasWritten() {
        LineBuffer line = new LineBuffer(16);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            line.ascii("n=").decimal(i).utf8(" café ").ascii('\n');
            expected.append("n=").append(i).append(" café ").append('\n');
        }
        assertThat(text(line)).isEqualTo(expected.toString());
        assertThat(new String(line.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    @Test
    void aRecordsLineReadsBackAsTheRecord() {
        UsageRecord record = new UsageRecord(UsageIds.next(), Instant.ofEpochSecond(1_764_201_600L, 5), UsageKind.EVENT,
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Outcome.ACCEPTED, "DELIVER", "/lights/1/measured", 200, 0, 256, 0, "req-1", "node-a", true, "lights");
        assertThat(UsageLines.decode(new String(UsageLines.encode(record), StandardCharsets.UTF_8))).isEqualTo(record);
    }

    private static String text(LineBuffer line) {
        return new String(line.array(), 0, line.length(), StandardCharsets.UTF_8);
    }
}
