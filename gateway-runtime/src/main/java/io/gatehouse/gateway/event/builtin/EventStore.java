package io.gatehouse.gateway.event.builtin;

import io.gatehouse.gateway.event.stream.StreamEvent;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The built-in event source's table, {@code event_message}. Blocking: call it off the event loops.
 * {@link #append} takes a transaction-scoped lock per channel path before inserting (in the same
 * statement), so that within one path ids commit in increasing order and a reader of "id > last seen"
 * never skips an event.
 */
@Component
public class EventStore {

    // the row (and its id from the sequence) is made only once the lock is held
    private static final String LOCK_AND_INSERT = """
            with path_lock as (select pg_advisory_xact_lock(hashtextextended(?::text || ?, 0)))
            insert into event_message (api_id, channel, channel_path, parameters, content_type, payload)
            select ?, ?, ?, ?::jsonb, ?, ? from path_lock returning id, published_at""";
    private static final String AFTER = """
            select id, api_id, channel, channel_path, content_type, payload, published_at from event_message
            where api_id = ? and channel_path = ? and id > ? order by id limit ?""";
    private static final String LAST_ID = "select coalesce(max(id), 0) from event_message where api_id = ? and channel_path = ?";
    private static final String PURGE = "delete from event_message where api_id = ? and published_at < now() - ?::interval";
    private static final RowMapper<StreamEvent> ROW = (rs, n) -> new StreamEvent(rs.getLong("id"),
            rs.getObject("api_id", UUID.class), rs.getString("channel"), rs.getString("channel_path"),
            rs.getString("content_type"), rs.getBytes("payload"), rs.getTimestamp("published_at").toInstant());

    private final JdbcTemplate jdbc;

    public EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores one event; must run in a transaction. The path's lock is held until it commits: other publishes
     * to the path wait for it, so do little after this in the same transaction.
     */
    public StreamEvent append(UUID apiId, String channel, String path, Map<String, String> parameters, String contentType,
                              byte[] payload) {
        String json = new JsonObject(new LinkedHashMap<>(parameters)).encode();
        return jdbc.queryForObject(LOCK_AND_INSERT, (rs, n) -> new StreamEvent(rs.getLong(1), apiId, channel, path, contentType,
                payload, rs.getTimestamp(2).toInstant()), apiId, path, apiId, channel, path, json, contentType, payload);
    }

    /** Up to {@code limit} events of one channel path with ids above {@code afterId}, oldest first. */
    public List<StreamEvent> after(UUID apiId, String path, long afterId, int limit) {
        return jdbc.query(AFTER, ROW, apiId, path, afterId, limit);
    }

    /** The id of the newest event of one channel path, 0 when it has none. */
    public long lastId(UUID apiId, String path) {
        Long id = jdbc.queryForObject(LAST_ID, Long.class, apiId, path);
        return id == null ? 0 : id;
    }

    /** Deletes the API's events published longer than {@code retention} ago; returns how many. */
    public int purge(UUID apiId, Duration retention) {
        return jdbc.update(PURGE, apiId, retention.toMillis() + " milliseconds");
    }
}
