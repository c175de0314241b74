package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One journal line per record: the record as a JSON object with named fields, then {@code \n}. Fields
 * a newer gateway adds are ignored by an older one and missing ones take their default, so segments
 * survive an upgrade or a rollback while they wait to be replayed.
 */
final class JournalCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private JournalCodec() {
    }

    static byte[] encode(UsageRecord record) {
        String json = MAPPER.writeValueAsString(record);
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static UsageRecord decode(String line) {
        return MAPPER.readValue(line, UsageRecord.class);
    }
}
