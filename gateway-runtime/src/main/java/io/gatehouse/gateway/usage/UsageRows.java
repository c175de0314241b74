package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How {@link UsageRecord}s become rows of {@code usage_record}, idempotent on the record's id: a batch
 * is streamed with {@code COPY} into a session-local staging table, then moved with
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
    private static final String COPY = "copy usage_record_stage (" + COLUMNS + ") from stdin";
    private static final String MOVE = "insert into usage_record (" + COLUMNS + ") select " + COLUMNS
            + " from usage_record_stage on conflict (id) do nothing";

    private UsageRows() {
    }

    /** Stores {@code records} in one transaction; records already stored are skipped. */
    static void store(JdbcTemplate jdbc, List<UsageRecord> records) {
        byte[] payload = copyText(records);
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

    /** PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
    static byte[] copyText(List<UsageRecord> records) {
        StringBuilder out = new StringBuilder(records.size() * 320);
        for (UsageRecord record : records) {
            out.append(record.id()).append('\t');
            out.append(record.occurredAt()).append('\t');
            out.append(record.kind().name()).append('\t');
            out.append(record.apiId()).append('\t');
            nullable(out, record.planId()).append('\t');
            nullable(out, record.applicationId()).append('\t');
            nullable(out, record.organizationId()).append('\t');
            nullable(out, record.subscriptionId()).append('\t');
            out.append(record.outcome().name()).append('\t');
            out.append(record.billable() ? 't' : 'f').append('\t');
            text(out, record.method()).append('\t');
            text(out, record.path()).append('\t');
            out.append(record.status()).append('\t');
            out.append(record.requestBytes()).append('\t');
            out.append(record.responseBytes()).append('\t');
            out.append(record.latencyMicros()).append('\t');
            text(out, record.requestId()).append('\t');
            text(out, record.gatewayNode()).append('\t');
            out.append(record.overage() ? 't' : 'f').append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** True when nothing in {@code value} needs escaping: the common case, appended in one go. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c < ' ') {
                return false;
            }
        }
        return true;
    }

    private static StringBuilder nullable(StringBuilder out, Object value) {
        return value == null ? out.append("\\N") : out.append(value);
    }

    private static StringBuilder text(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        if (plain(value)) {
            return out.append(value);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
