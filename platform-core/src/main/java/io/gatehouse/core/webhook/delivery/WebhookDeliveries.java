package io.gatehouse.core.webhook.delivery;

import io.gatehouse.core.error.ConflictException;
import io.gatehouse.core.error.NotFoundException;
import io.gatehouse.core.webhook.WebhookEndpoint;
import io.gatehouse.core.webhook.WebhookEndpointService;
import io.gatehouse.core.webhook.WebhookEndpointStatus;
import io.gatehouse.core.webhook.WebhookProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook outbox as event sources and developers use it.
 *
 * <p><b>Enqueuing</b> (the contract for event sources): {@link #enqueueForApi} and
 * {@link #enqueueForSubscription} store the event once and one {@code PENDING} delivery for every
 * enabled endpoint, of an {@code ACTIVE} subscription, that listens on the event's channel, in the
 * caller's transaction (or their own). They return the ids of the deliveries created; an event id
 * already enqueued for an endpoint creates nothing for it again, so a source may hand over an event
 * more than once. Deliveries of one endpoint are attempted in the order they were enqueued. Gateways
 * deliver them ({@link WebhookOutbox}); enqueuing never waits on the network.
 *
 * <p><b>Inspecting</b>: developers list an endpoint's deliveries with their attempts, and redeliver a
 * finished one (delivered, dead-lettered or cancelled): it becomes pending again with a fresh retry
 * schedule, under the same {@code webhook-id}.
 */
@Service
@Transactional
public class WebhookDeliveries {

    public static final int MAX_PAGE_SIZE = 200;

    private static final String ENDPOINTS_FOR_API = """
            select e.id, p.api_id from webhook_endpoint e
            join subscription s on s.id = e.subscription_id
            join plan p on p.id = s.plan_id
            where p.api_id = ? and s.status = 'ACTIVE' and e.status = 'ENABLED' and ? = any (e.channels)
            order by e.created_at""";
    private static final String ENDPOINTS_FOR_SUBSCRIPTION = """
            select e.id, p.api_id from webhook_endpoint e
            join subscription s on s.id = e.subscription_id
            join plan p on p.id = s.plan_id
            where s.id = ? and s.status = 'ACTIVE' and e.status = 'ENABLED' and ? = any (e.channels)
            order by e.created_at""";
    private static final String INSERT_MESSAGE = """
            insert into webhook_message (id, api_id, channel, event_id, content_type, payload) values (?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_DELIVERIES = """
            insert into webhook_delivery (id, endpoint_id, message_id, event_id, status, next_attempt_at)
            select ids.id, ids.endpoint_id, ?, ?, 'PENDING', now() from unnest(?::uuid[], ?::uuid[]) as ids (id, endpoint_id)
            on conflict (endpoint_id, event_id) do nothing
            returning id""";
    private static final String SELECT_DELIVERIES = """
            select d.id, d.seq, d.endpoint_id, d.event_id, m.channel, m.content_type, octet_length(m.payload) as payload_bytes,
                   d.status, d.attempts, d.created_at, d.next_attempt_at, d.finished_at, d.last_status, d.last_error
            from webhook_delivery d join webhook_message m on m.id = d.message_id
            where d.endpoint_id = ?""";
    private static final String SELECT_ATTEMPTS = """
            select delivery_id, attempted_at, outcome, response_status, error, duration_ms, gateway_node
            from webhook_attempt where delivery_id = any (?::uuid[]) order by id""";
    private static final String REDELIVER = """
            update webhook_delivery set status = 'PENDING', round_attempts = 0, next_attempt_at = now(), finished_at = null,
                   lease_token = null, lease_until = null
            where id = ? and endpoint_id = ? and status <> 'PENDING'""";

    private final JdbcTemplate jdbc;
    private final WebhookEndpointService endpoints;
    private final ApplicationEventPublisher events;
    private final int maxPayloadBytes;

    public WebhookDeliveries(JdbcTemplate jdbc, WebhookEndpointService endpoints, WebhookProperties properties,
                             ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.events = events;
        this.maxPayloadBytes = properties.maxPayloadBytes();
    }

    /** Queues the event for every listening endpoint of every active subscription to the API. */
    public List<UUID> enqueueForApi(UUID apiId, WebhookEvent event) {
        return enqueue(listenersOfApi(apiId, event.channel()), event);
    }

    /** Queues the event for the listening endpoints of one subscription (when it is active). */
    public List<UUID> enqueueForSubscription(UUID subscriptionId, WebhookEvent event) {
        return enqueue(listeners(ENDPOINTS_FOR_SUBSCRIPTION, subscriptionId, event.channel()), event);
    }

    /**
     * The endpoints listening on {@code channel} of every active subscription to the API, for
     * {@link #enqueue(Listeners, WebhookEvent)}: a source that must keep its own transaction short after
     * some point (a lock it takes) looks them up before.
     */
    public Listeners listenersOfApi(UUID apiId, String channel) {
        return listeners(ENDPOINTS_FOR_API, apiId, channel);
    }

    /** Queues the event for {@code listeners}, found for its channel; see {@link #enqueueForApi}. */
    public List<UUID> enqueue(Listeners listeners, WebhookEvent event) {
        if (event.payload().length > maxPayloadBytes) {
            throw new IllegalArgumentException("the event's payload has " + event.payload().length
                    + " bytes; webhooks carry at most " + maxPayloadBytes + " (gatehouse.webhook.max-payload-bytes)");
        }
        if (listeners.endpointIds().isEmpty()) {
            return List.of();
        }
        UUID messageId = UUID.randomUUID();
        jdbc.update(INSERT_MESSAGE, messageId, listeners.apiIds().getFirst(), event.channel(), event.eventId(),
                event.contentType(), event.payload());
        String[] deliveryIds = listeners.endpointIds().stream().map(ignored -> UUID.randomUUID().toString()).toArray(String[]::new);
        List<UUID> created = jdbc.queryForList(INSERT_DELIVERIES, UUID.class, messageId, event.eventId(), deliveryIds,
                listeners.endpointIds().stream().map(UUID::toString).toArray(String[]::new));
        if (created.isEmpty()) {
            jdbc.update("delete from webhook_message where id = ?", messageId);
        } else {
            events.publishEvent(new WebhooksEnqueued(created.size()));
        }
        return created;
    }

    private Listeners listeners(String endpointQuery, UUID target, String channel) {
        List<UUID> endpointIds = new ArrayList<>();
        List<UUID> apiIds = new ArrayList<>();
        jdbc.query(endpointQuery, (ResultSet rs) -> {
            endpointIds.add(rs.getObject(1, UUID.class));
            apiIds.add(rs.getObject(2, UUID.class));
        }, target, channel);
        return new Listeners(List.copyOf(endpointIds), List.copyOf(apiIds));
    }

    /** Endpoints that listen on a channel, each with its API. */
    public record Listeners(List<UUID> endpointIds, List<UUID> apiIds) {

        public static final Listeners NONE = new Listeners(List.of(), List.of());
    }

    /**
     * One page of the endpoint's deliveries, newest first.
     *
     * @param status  only deliveries in this state; null for all
     * @param cursor  the {@code next} of the previous page; null for the first
     * @param limit   1 to {@value #MAX_PAGE_SIZE}
     */
    @Transactional(readOnly = true)
    public DeliveryPage list(UUID subscriptionId, UUID endpointId, DeliveryStatus status, String cursor, int limit) {
        endpoints.get(subscriptionId, endpointId);
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringBuilder sql = new StringBuilder(SELECT_DELIVERIES);
        List<Object> arguments = new ArrayList<>(List.of(endpointId));
        if (status != null) {
            sql.append(" and d.status = ?");
            arguments.add(status.name());
        }
        if (cursor != null) {
            sql.append(" and d.seq < ?");
            arguments.add(parseCursor(cursor));
        }
        sql.append(" order by d.seq desc limit ?");
        arguments.add(limit + 1);
        List<Row> rows = jdbc.query(sql.toString(), (rs, n) -> Row.of(rs), arguments.toArray());
        String next = rows.size() > limit ? Long.toString(rows.get(limit - 1).seq()) : null;
        List<Row> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new DeliveryPage(withAttempts(page), next);
    }

    @Transactional(readOnly = true)
    public WebhookDelivery get(UUID subscriptionId, UUID endpointId, UUID deliveryId) {
        endpoints.get(subscriptionId, endpointId);
        List<Row> rows = jdbc.query(SELECT_DELIVERIES + " and d.id = ?", (rs, n) -> Row.of(rs), endpointId, deliveryId);
        if (rows.isEmpty()) {
            throw new NotFoundException("webhook delivery", deliveryId);
        }
        return withAttempts(rows).getFirst();
    }

    /** Queues a finished delivery again, to be attempted as soon as its endpoint's earlier deliveries are done. */
    public WebhookDelivery redeliver(UUID subscriptionId, UUID endpointId, UUID deliveryId) {
        WebhookEndpoint endpoint = endpoints.get(subscriptionId, endpointId);
        WebhookDelivery delivery = get(subscriptionId, endpointId, deliveryId);
        if (endpoint.getStatus() != WebhookEndpointStatus.ENABLED) {
            throw new ConflictException("the endpoint is disabled; enable it (PUT with status ENABLED) before redelivering");
        }
        if (jdbc.update(REDELIVER, deliveryId, endpointId) == 0) {
            throw new ConflictException("the delivery is " + delivery.status() + " already; it is redelivered only once finished");
        }
        events.publishEvent(new WebhooksEnqueued(1));
        return get(subscriptionId, endpointId, deliveryId);
    }

    private List<WebhookDelivery> withAttempts(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<WebhookAttempt>> attempts = new LinkedHashMap<>();
        rows.forEach(row -> attempts.put(row.id(), new ArrayList<>()));
        jdbc.query(SELECT_ATTEMPTS, (ResultSet rs) -> {
            attempts.get(rs.getObject("delivery_id", UUID.class)).add(new WebhookAttempt(
                    rs.getTimestamp("attempted_at").toInstant(), rs.getString("outcome"),
                    rs.getObject("response_status", Integer.class), rs.getString("error"), rs.getInt("duration_ms"),
                    rs.getString("gateway_node")));
        }, (Object) attempts.keySet().stream().map(UUID::toString).toArray(String[]::new));
        return rows.stream().map(row -> row.delivery(attempts.get(row.id()))).toList();
    }

    /** Whether {@code cursor} has the shape of a {@link DeliveryPage#next()}. */
    public static boolean isCursor(String cursor) {
        return cursor != null && cursor.matches("[0-9]{1,18}");
    }

    private static long parseCursor(String cursor) {
        if (!isCursor(cursor)) {
            throw new IllegalArgumentException("not a cursor of this list: " + cursor);
        }
        return Long.parseLong(cursor);
    }

    private record Row(UUID id, long seq, UUID endpointId, String eventId, String channel, String contentType, int payloadBytes,
                       DeliveryStatus status, int attemptCount, Instant createdAt, Instant nextAttemptAt, Instant finishedAt,
                       Integer lastStatus, String lastError) {

        static Row of(ResultSet rs) throws SQLException {
            DeliveryStatus status = DeliveryStatus.valueOf(rs.getString("status"));
            return new Row(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("endpoint_id", UUID.class),
                    rs.getString("event_id"), rs.getString("channel"), rs.getString("content_type"), rs.getInt("payload_bytes"),
                    status, rs.getInt("attempts"), instant(rs.getTimestamp("created_at")),
                    status == DeliveryStatus.PENDING ? instant(rs.getTimestamp("next_attempt_at")) : null,
                    instant(rs.getTimestamp("finished_at")), rs.getObject("last_status", Integer.class), rs.getString("last_error"));
        }

        WebhookDelivery delivery(List<WebhookAttempt> attempts) {
            return new WebhookDelivery(id, endpointId, WebhookIds.webhookId(id), eventId, channel, contentType, payloadBytes,
                    status, attemptCount, createdAt, nextAttemptAt, finishedAt, lastStatus, lastError, List.copyOf(attempts));
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }
}
