package io.gatehouse.core.webhook.delivery;

import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.usage.Outcome;
import io.gatehouse.core.usage.UsageKind;
import io.gatehouse.core.usage.UsageRecord;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook outbox as gateways work it: claim due deliveries, record how each attempt went.
 *
 * <p><b>Once across the cluster.</b> {@link #claim} picks due deliveries with
 * {@code select … for update skip locked}, so concurrent gateways never pick the same row, and leases
 * them: until {@code lease_until} no other gateway claims them; a gateway that dies mid-attempt loses
 * its claims when their leases end, and another gateway tries again (at least once). Outcomes are
 * recorded only under the claim's lease token, so a late gateway cannot overwrite a newer claim's result.
 *
 * <p><b>In order per endpoint.</b> A delivery is due only when no earlier delivery of its endpoint is
 * still {@code PENDING} (head of line): while the first one waits for a retry, the ones behind it wait
 * too. The endpoint must be enabled and its subscription {@code ACTIVE}.
 *
 * <p><b>Metered once.</b> {@link #delivered} stores the delivery's {@code EVENT} usage record in the
 * same transaction that marks it delivered, under an id derived from the delivery id
 * ({@link WebhookIds#usageId}) with {@code on conflict (id) do nothing}: a delivery reaching its
 * endpoint twice (a retry after a lost answer, a redelivery) is billed once.
 */
@Component
@Transactional
public class WebhookOutbox {

    private static final Logger log = LoggerFactory.getLogger(WebhookOutbox.class);

    private static final String CLAIM = """
            with due as (
                select d.id from webhook_delivery d
                join webhook_endpoint e on e.id = d.endpoint_id
                join subscription s on s.id = e.subscription_id
                where d.status = 'PENDING' and d.next_attempt_at <= now()
                  and (d.lease_until is null or d.lease_until < now())
                  and e.status = 'ENABLED' and s.status = 'ACTIVE'
                  and not exists (select 1 from webhook_delivery earlier
                                  where earlier.endpoint_id = d.endpoint_id and earlier.status = 'PENDING'
                                    and earlier.seq < d.seq)
                order by d.next_attempt_at, d.seq
                limit ?
                for update of d skip locked
            ), claimed as (
            update webhook_delivery d
            set lease_token = ?, lease_until = now() + make_interval(secs => ?),
                attempts = d.attempts + 1, round_attempts = d.round_attempts + 1
            from due, webhook_endpoint e, webhook_message m, subscription s, plan p, api a, application app
            where d.id = due.id and e.id = d.endpoint_id and m.id = d.message_id and s.id = e.subscription_id
              and p.id = s.plan_id and a.id = p.api_id and app.id = s.application_id
            returning d.id, d.seq, d.endpoint_id, e.url, e.secret, d.event_id, m.channel, m.content_type, m.payload,
                      d.attempts, d.round_attempts, s.id as subscription_id, s.plan_id, p.api_id, a.context,
                      s.application_id, app.organization_id
            )
            select * from claimed order by seq""";
    private static final String ATTEMPT = """
            insert into webhook_attempt (delivery_id, attempted_at, duration_ms, response_status, error, outcome, gateway_node)
            values (?, ?, ?, ?, ?, ?, ?)""";
    private static final String DELIVERED = """
            update webhook_delivery set status = 'DELIVERED', finished_at = now(), last_status = ?, last_error = null,
                   lease_token = null, lease_until = null
            where id = ? and lease_token = ?""";
    private static final String RETRY = """
            update webhook_delivery set next_attempt_at = now() + make_interval(secs => ?), last_status = ?, last_error = ?,
                   lease_token = null, lease_until = null
            where id = ? and lease_token = ?""";
    private static final String DEAD_LETTER = """
            update webhook_delivery set status = 'DEAD_LETTER', finished_at = now(), last_status = ?, last_error = ?,
                   lease_token = null, lease_until = null
            where id = ? and lease_token = ?""";
    private static final String GONE = """
            update webhook_delivery set status = 'CANCELLED', finished_at = now(), last_status = ?, last_error = ?,
                   lease_token = null, lease_until = null
            where id = ? and lease_token = ?""";
    private static final String DISABLE_ENDPOINT = """
            update webhook_endpoint set status = 'DISABLED', disabled_reason = ?, updated_at = now() where id = ?""";
    private static final String CANCEL_PENDING_OF_ENDPOINT = """
            update webhook_delivery set status = 'CANCELLED', finished_at = now(), last_error = ?,
                   lease_token = null, lease_until = null
            where endpoint_id = ? and status = 'PENDING'""";
    private static final String CANCEL_ENDED_SUBSCRIPTIONS = """
            update webhook_delivery d set status = 'CANCELLED', finished_at = now(),
                   last_error = 'the subscription is ' || s.status, lease_token = null, lease_until = null
            from webhook_endpoint e, subscription s
            where d.endpoint_id = e.id and s.id = e.subscription_id and d.status = 'PENDING'
              and s.status in ('CANCELLED', 'REJECTED')""";
    private static final String PURGE = """
            delete from webhook_message m
            where m.created_at < now() - make_interval(secs => ?)
              and not exists (select 1 from webhook_delivery d where d.message_id = m.id and d.status = 'PENDING')""";
    private static final String USAGE = """
            insert into usage_record (id, occurred_at, kind, api_id, plan_id, application_id, organization_id, subscription_id,
                                      outcome, billable, method, path, status, request_bytes, response_bytes, latency_micros,
                                      request_id, gateway_node, overage, operation)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do nothing""";

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;

    public WebhookOutbox(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}, in the order they are due.
     * Each call takes a fresh lease token.
     */
    public List<ClaimedDelivery> claim(int limit, Duration lease) {
        UUID token = UUID.randomUUID();
        return jdbc.query(CLAIM, (rs, n) -> claimed(rs, token), limit, token, seconds(lease));
    }

    /** The endpoint answered 2xx: delivered, metered once. */
    public void delivered(ClaimedDelivery delivery, AttemptResult result, String node) {
        recordAttempt(delivery, result, "DELIVERED", node);
        if (jdbc.update(DELIVERED, result.status(), delivery.id(), delivery.leaseToken()) == 0) {
            log.info("Webhook delivery {} reached its endpoint after its lease ended; another gateway has it now", delivery.id());
        }
        UsageRecord usage = usage(delivery, result, node);
        jdbc.update(USAGE, usage.id(), timestamp(usage), usage.kind().name(), usage.apiId(), usage.planId(),
                usage.applicationId(), usage.organizationId(), usage.subscriptionId(), usage.outcome().name(),
                usage.billable(), usage.method(), usage.path(), usage.status(), usage.requestBytes(), usage.responseBytes(),
                usage.latencyMicros(), usage.requestId(), usage.gatewayNode(), usage.overage(), usage.operation());
    }

    /** The attempt failed and the schedule allows another one after {@code wait}. */
    public void retry(ClaimedDelivery delivery, AttemptResult result, Duration wait, String node) {
        recordAttempt(delivery, result, "FAILED", node);
        jdbc.update(RETRY, seconds(wait), result.status(), result.error(), delivery.id(), delivery.leaseToken());
    }

    /** The last attempt of the schedule failed. */
    public void deadLetter(ClaimedDelivery delivery, AttemptResult result, String node) {
        recordAttempt(delivery, result, "FAILED", node);
        jdbc.update(DEAD_LETTER, result.status(), result.error(), delivery.id(), delivery.leaseToken());
    }

    /** The endpoint answered 410 Gone: it is disabled, and its pending deliveries (this one too) are cancelled. */
    public void gone(ClaimedDelivery delivery, AttemptResult result, String node) {
        recordAttempt(delivery, result, "GONE", node);
        String reason = "the endpoint answered 410 Gone at " + result.attemptedAt().truncatedTo(ChronoUnit.SECONDS);
        jdbc.update(GONE, result.status(), reason, delivery.id(), delivery.leaseToken());
        jdbc.update(DISABLE_ENDPOINT, reason, delivery.endpointId());
        jdbc.update(CANCEL_PENDING_OF_ENDPOINT, "endpoint disabled: " + reason, delivery.endpointId());
    }

    /** Cancels the pending deliveries of cancelled and rejected subscriptions; returns how many. */
    public int cancelForEndedSubscriptions() {
        return jdbc.update(CANCEL_ENDED_SUBSCRIPTIONS);
    }

    /** Deletes messages older than {@code retention} that nothing still waits for, with their deliveries and attempts. */
    public int purge(Duration retention) {
        return jdbc.update(PURGE, seconds(retention));
    }

    /** Deliveries waiting to be delivered, in flight or not. */
    @Transactional(readOnly = true)
    public long pending() {
        Long count = jdbc.queryForObject("select count(*) from webhook_delivery where status = 'PENDING'", Long.class);
        return count == null ? 0 : count;
    }

    private void recordAttempt(ClaimedDelivery delivery, AttemptResult result, String outcome, String node) {
        jdbc.update(ATTEMPT, delivery.id(), Timestamp.from(result.attemptedAt()), result.durationMillis(), result.status(),
                result.error(), outcome, node);
    }

    private static UsageRecord usage(ClaimedDelivery delivery, AttemptResult result, String node) {
        return new UsageRecord(WebhookIds.usageId(delivery.id()), result.attemptedAt().truncatedTo(ChronoUnit.MICROS),
                UsageKind.EVENT, delivery.apiId(), delivery.planId(), delivery.applicationId(), delivery.organizationId(),
                delivery.subscriptionId(), Outcome.ACCEPTED, "POST", delivery.apiContext() + "/" + delivery.channel(),
                result.status(), delivery.payload().length, result.responseBytes(), result.durationMicros(),
                delivery.webhookId(), node, false, delivery.channel());
    }

    private static Timestamp timestamp(UsageRecord usage) {
        return Timestamp.from(usage.occurredAt());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private ClaimedDelivery claimed(ResultSet rs, UUID token) throws SQLException {
        return new ClaimedDelivery(rs.getObject("id", UUID.class), token, rs.getObject("endpoint_id", UUID.class),
                URI.create(rs.getString("url")), sealer.openOrKeep(rs.getString("secret")), rs.getString("event_id"), rs.getString("channel"),
                rs.getString("content_type"), rs.getBytes("payload"), rs.getInt("attempts"), rs.getInt("round_attempts"),
                rs.getObject("subscription_id", UUID.class), rs.getObject("plan_id", UUID.class),
                rs.getObject("api_id", UUID.class), rs.getString("context"), rs.getObject("application_id", UUID.class),
                rs.getObject("organization_id", UUID.class));
    }
}
