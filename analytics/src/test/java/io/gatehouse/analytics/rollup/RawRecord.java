package io.gatehouse.analytics.rollup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** A usage_record row as a gateway writes it, and random traffic made of them. */
record RawRecord(UUID id, Instant occurredAt, String kind, UUID apiId, UUID planId, UUID applicationId,
                 UUID organizationId, UUID subscriptionId, String outcome, String method, String operation, int status,
                 long requestBytes, long responseBytes, long latencyMicros, boolean overage) {

    private static final UUID NIL = new UUID(0, 0);
    private static final UUID[] APIS = {UUID.randomUUID(), UUID.randomUUID()};
    private static final UUID[] PLANS = {UUID.randomUUID(), UUID.randomUUID(), NIL};
    private static final UUID[] APPLICATIONS = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
    private static final UUID[] ORGANIZATIONS = {UUID.randomUUID(), UUID.randomUUID()};
    private static final String[] OPERATIONS = {"/pets/{petId}", "/pets", "lights/measured", "", null};
    private static final String[] METHODS = {"GET", "POST", "PUBLISH", "DELIVER", ""};
    private static final String[] OUTCOMES = {"ACCEPTED", "ACCEPTED", "ACCEPTED", "REJECTED", "FAILED"};
    private static final int[] STATUSES = {200, 201, 304, 404, 429, 500, 502, 0};

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    boolean billable() {
        return "ACCEPTED".equals(outcome);
    }

    /** {@code count} records spread over {@code hours} hours from {@code start}, with every dimension varied (nulls, '' and the nil UUID too). */
    static List<RawRecord> generate(Random random, int count, Instant start, int hours) {
        List<RawRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int application = random.nextInt(APPLICATIONS.length + 1);
            boolean anonymous = application == APPLICATIONS.length;
            double decades = 1 + random.nextDouble() * 7.5;
            records.add(new RawRecord(
                    UUID.randomUUID(),
                    start.plusMillis((long) (random.nextDouble() * hours * 3_600_000L)).plusNanos(random.nextInt(1000) * 1000L),
                    random.nextInt(4) == 0 ? "EVENT" : "CALL",
                    APIS[random.nextInt(APIS.length)],
                    anonymous && random.nextBoolean() ? null : PLANS[random.nextInt(PLANS.length)],
                    anonymous ? null : APPLICATIONS[application],
                    anonymous ? null : ORGANIZATIONS[application % ORGANIZATIONS.length],
                    anonymous ? null : random.nextBoolean() ? UUID.nameUUIDFromBytes(new byte[] {(byte) application}) : NIL,
                    OUTCOMES[random.nextInt(OUTCOMES.length)],
                    random.nextInt(10) == 0 ? null : METHODS[random.nextInt(METHODS.length)],
                    OPERATIONS[random.nextInt(OPERATIONS.length)],
                    STATUSES[random.nextInt(STATUSES.length)],
                    random.nextInt(5_000),
                    random.nextInt(50_000),
                    random.nextInt(20) == 0 ? 0 : (long) Math.pow(10, decades),
                    random.nextInt(15) == 0));
        }
        return records;
    }

    /**
     * One multi-row insert statement, idempotent on id, in id order (PostgreSQL's: unsigned, byte by byte),
     * as the gateways' writers store a batch: concurrent writers of the same records then wait for each
     * other instead of deadlocking.
     */
    static void insert(JdbcTemplate jdbc, List<RawRecord> unsorted) {
        List<RawRecord> batch = unsorted.stream().sorted(Comparator.comparing(RawRecord::id, RawRecord::compareUnsigned)).toList();
        StringBuilder sql = new StringBuilder("""
                insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id,
                    subscription_id, outcome, billable, method, path, status, request_bytes, response_bytes, latency_micros,
                    request_id, gateway_node, overage, operation) values """);
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            RawRecord r = batch.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '/raw', ?, ?, ?, ?, 'req', 'node', ?, ?)");
            args.addAll(Arrays.asList(r.id(), Timestamp.from(r.occurredAt()), r.kind(), r.apiId(), r.planId(),
                    r.applicationId(), r.organizationId(), r.subscriptionId(), r.outcome(), r.billable(), r.method(),
                    r.status(), r.requestBytes(), r.responseBytes(), r.latencyMicros(), r.overage(), r.operation()));
        }
        sql.append(" on conflict (id) do nothing");
        jdbc.update(sql.toString(), args.toArray());
    }
}
