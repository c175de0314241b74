package io.gatehouse.core.usage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How {@link UsageRecord}s become rows of {@code usage_record}, idempotent on the record's id. A batch is
 * streamed with binary {@code COPY} straight into {@code usage_record}: COPY costs a fraction of a
 * parameterized batch per row. A batch holding a record already stored (a journal replayed after a
 * crash, a usage topic delivering again) breaks the primary key; it is then written again through a
 * session-local staging table and moved with {@code insert ... select ... on conflict (id) do nothing}
 * in one transaction, so a record written twice is stored once. Rows go in in id order (PostgreSQL's,
 * byte by byte), so that writers storing some of the same records at once wait for each other rather
 * than deadlock. Each stored row carries the id of the transaction that stored it ({@code ingest_xid}),
 * by which the control plane later folds the rows it really inserted into the rollups once (see V20).
 */
public final class UsageRows {

    private static final String COLUMNS = """
            id, occurred_at, kind, api_id, plan_id, application_id, organization_id, subscription_id, outcome, billable,
            method, path, status, request_bytes, response_bytes, latency_micros, request_id, gateway_node, overage, operation""";
    private static final String STAGE = """
            create temporary table if not exists usage_record_stage
            (like usage_record including defaults) on commit delete rows""";
    private static final String COPY = "copy usage_record (" + COLUMNS + ") from stdin with (format binary)";
    private static final String COPY_STAGE = "copy usage_record_stage (" + COLUMNS + ") from stdin with (format binary)";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Comparator<UsageRecord> BY_ID = (a, b) -> {
        int high = Long.compareUnsigned(a.id().getMostSignificantBits(), b.id().getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.id().getLeastSignificantBits(), b.id().getLeastSignificantBits());
    };
    private static final String MOVE = "insert into usage_record (" + COLUMNS + ") select " + COLUMNS
            + " from usage_record_stage order by id on conflict (id) do nothing";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int FIELDS = 20;
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] TRUE = {1};
    private static final byte[] FALSE = {0};
    /** Physical connections whose session already holds the staging table (created once per session). */
    private static final Set<Object> STAGED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private UsageRows() {
    }

    /** Stores {@code records} in one transaction; records already stored are skipped. */
    public static void store(JdbcTemplate jdbc, List<UsageRecord> records) {
        List<UsageRecord> ordered = new ArrayList<>(records);
        ordered.sort(BY_ID);
        byte[] payload = copyBinary(ordered);
        jdbc.execute((Connection connection) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                PGConnection session = connection.unwrap(PGConnection.class);
                try {
                    session.getCopyAPI().copyIn(COPY, new ByteArrayInputStream(payload));
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    storeSkippingDuplicates(connection, session, payload);
                }
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

    private static void storeSkippingDuplicates(Connection connection, PGConnection session, byte[] payload)
            throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            boolean staging = !STAGED.contains(session);
            if (staging) {
                statement.execute(STAGE);
            }
            session.getCopyAPI().copyIn(COPY_STAGE, new ByteArrayInputStream(payload));
            statement.execute(MOVE);
            connection.commit();
            if (staging) {
                STAGED.add(session); // only now: a rolled-back transaction takes the new table with it
            }
        }
    }

    /**
     * PostgreSQL's binary COPY format: per row, the field count, then each field as its length and its
     * bytes in the column type's binary form (no number or UUID is turned into text).
     */
    static byte[] copyBinary(List<UsageRecord> records) {
        Buffer out = new Buffer(32 + records.size() * 320);
        out.bytes(SIGNATURE).int4(0).int4(0);
        for (UsageRecord record : records) {
            out.int2(FIELDS);
            uuid(out, record.id());
            out.int4(8).int8(micros(record.occurredAt()) - POSTGRES_EPOCH_MICROS);
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
            out.int4(4).int4(record.status());
            out.int4(8).int8(record.requestBytes());
            out.int4(8).int8(record.responseBytes());
            out.int4(8).int8(record.latencyMicros());
            text(out, record.requestId());
            text(out, record.gatewayNode());
            bool(out, record.overage());
            text(out, record.operation());
        }
        out.int2(-1);
        return out.toArray();
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static void uuid(Buffer out, UUID value) {
        if (value == null) {
            out.int4(-1);
        } else {
            out.int4(16).int8(value.getMostSignificantBits()).int8(value.getLeastSignificantBits());
        }
    }

    private static void text(Buffer out, String value) {
        if (value == null) {
            out.int4(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.int4(utf8.length).bytes(utf8);
    }

    private static void bool(Buffer out, boolean value) {
        out.int4(1).bytes(value ? TRUE : FALSE);
    }

    /** A growing big-endian byte buffer: one bounds check per value instead of one per byte. */
    private static final class Buffer {
        private ByteBuffer bytes;

        Buffer(int capacity) {
            bytes = ByteBuffer.allocate(capacity);
        }

        private Buffer room(int needed) {
            if (bytes.remaining() < needed) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + needed));
                bytes.flip();
                larger.put(bytes);
                bytes = larger;
            }
            return this;
        }

        Buffer int2(int value) {
            room(2).bytes.putShort((short) value);
            return this;
        }

        Buffer int4(int value) {
            room(4).bytes.putInt(value);
            return this;
        }

        Buffer int8(long value) {
            room(8).bytes.putLong(value);
            return this;
        }

        Buffer bytes(byte[] value) {
            room(value.length).bytes.put(value);
            return this;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(bytes.array(), bytes.position());
        }
    }
}
