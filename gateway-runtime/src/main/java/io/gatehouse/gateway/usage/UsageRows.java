package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How {@link UsageRecord}s become rows of {@code usage_record}, idempotent on the record's id: a batch
 * is streamed with binary {@code COPY} into a session-local staging table, then moved with
 * {@code insert ... select ... on conflict (id) do nothing} in the same transaction, so a record
 * written twice is stored once. COPY costs a fraction of a parameterized batch per row.
 */
final class UsageRows {

    private static final String COLUMNS = """
            id, occurred_at, kind, api_id, plan_id, application_id, organization_id, subscription_id, outcome, billable,
            method, path, status, request_bytes, response_bytes, latency_micros, request_id, gateway_node, overage""";
    private static final String STAGE = """
            create temporary table if not exists usage_record_stage
            (like usage_record including defaults) on commit delete rows""";
    private static final String COPY = "copy usage_record_stage (" + COLUMNS + ") from stdin with (format binary)";
    private static final String MOVE = "insert into usage_record (" + COLUMNS + ") select " + COLUMNS
            + " from usage_record_stage on conflict (id) do nothing";

    private UsageRows() {
    }

    /** Stores {@code records} in one transaction; records already stored are skipped. */
    static void store(JdbcTemplate jdbc, List<UsageRecord> records) {
        byte[] payload = copyBinary(records);
        jdbc.execute((Connection connection) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGE);
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(payload));
                statement.execute(MOVE);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } catch (IOException e) {
                connection.rollback();
                throw new UncheckedIOException(e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
            return null;
        });
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int FIELDS = 19;
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    /**
     * PostgreSQL's binary COPY format: per row, the field count, then each field as its length and its
     * bytes in the column type's binary form (no number or UUID is turned into text).
     */
    static byte[] copyBinary(List<UsageRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(19 + records.size() * 256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(SIGNATURE);
            out.writeInt(0);
            out.writeInt(0);
            for (UsageRecord record : records) {
                out.writeShort(FIELDS);
                uuid(out, record.id());
                out.writeInt(8);
                out.writeLong(micros(record.occurredAt()) - POSTGRES_EPOCH_MICROS);
                text(out, record.kind().name());
                uuid(out, record.apiId());
                uuid(out, record.planId());
                uuid(out, record.applicationId());
                uuid(out, record.organizationId());
                uuid(out, record.subscriptionId());
                text(out, record.outcome().name());
                bool(out, record.billable());
                text(out, record.method());
                text(out, record.path());
                out.writeInt(4);
                out.writeInt(record.status());
                int8(out, record.requestBytes());
                int8(out, record.responseBytes());
                int8(out, record.latencyMicros());
                text(out, record.requestId());
                text(out, record.gatewayNode());
                bool(out, record.overage());
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static void uuid(DataOutputStream out, UUID value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void bool(DataOutputStream out, boolean value) throws IOException {
        out.writeInt(1);
        out.writeByte(value ? 1 : 0);
    }

    private static void int8(DataOutputStream out, long value) throws IOException {
        out.writeInt(8);
        out.writeLong(value);
    }
}
