package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageRows;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Stores usage records straight into {@code usage_record} ({@code gatehouse.usage.transport=postgres}, the default). */
@Component
@ConditionalOnProperty(name = "gatehouse.usage.transport", havingValue = "postgres", matchIfMissing = true)
public class PostgresUsageStore implements UsageStore {

    private final JdbcTemplate jdbc;

    public PostgresUsageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(List<UsageRecord> records) {
        UsageRows.store(jdbc, records);
    }
}
