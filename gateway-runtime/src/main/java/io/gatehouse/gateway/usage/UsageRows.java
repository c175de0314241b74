package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How a {@link UsageRecord} becomes a row of {@code usage_record}: idempotent on the record's id. */
final class UsageRows {

    static final String INSERT = """
            insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id,
                subscription_id, outcome, billable, method, path, status, request_bytes, response_bytes,
                latency_micros, request_id, gateway_node, overage)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do nothing""";

    private UsageRows() {
    }

    static void bind(PreparedStatement statement, UsageRecord record) throws SQLException {
        statement.setObject(1, record.id());
        statement.setObject(2, OffsetDateTime.ofInstant(record.occurredAt(), ZoneOffset.UTC));
        statement.setString(3, record.kind().name());
        statement.setObject(4, record.apiId());
        statement.setObject(5, record.planId(), Types.OTHER);
        statement.setObject(6, record.applicationId(), Types.OTHER);
        statement.setObject(7, record.organizationId(), Types.OTHER);
        statement.setObject(8, record.subscriptionId(), Types.OTHER);
        statement.setString(9, record.outcome().name());
        statement.setBoolean(10, record.billable());
        statement.setString(11, record.method());
        statement.setString(12, record.path());
        statement.setInt(13, record.status());
        statement.setLong(14, record.requestBytes());
        statement.setLong(15, record.responseBytes());
        statement.setLong(16, record.latencyMicros());
        statement.setString(17, record.requestId());
        statement.setString(18, record.gatewayNode());
        statement.setBoolean(19, record.overage());
    }
}
