package io.gatehouse.core.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The event sources of EVENT APIs, in the {@code event_source} column of {@code api} (JSON). Kept out of
 * the {@code Api} entity so that the API feature knows nothing of events. An EVENT API whose column is
 * null (created without a source, e.g. in the console) has {@link EventSource#DEFAULT}.
 */
@Repository
public class EventSourceStore {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public EventSourceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void save(UUID apiId, EventSource source) {
        jdbc.update("update api set event_source = ?::jsonb where id = ?", write(source), apiId);
    }

    /** The source of the EVENT API {@code apiId}: the stored one or the default. */
    public EventSource find(UUID apiId) {
        return jdbc.query("select event_source from api where id = ?", (row, n) -> read(row.getString(1)), apiId)
                .stream().findFirst().orElse(EventSource.DEFAULT);
    }

    /** The source of every EVENT API, by API id. */
    public Map<UUID, EventSource> findAll() {
        Map<UUID, EventSource> sources = new HashMap<>();
        jdbc.query("select id, event_source from api where type = 'EVENT'",
                row -> { sources.put(row.getObject(1, UUID.class), read(row.getString(2))); });
        return sources;
    }

    private static EventSource read(String json) {
        if (json == null) {
            return EventSource.DEFAULT;
        }
        try {
            return JSON.readValue(json, EventSource.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable event source " + json, e);
        }
    }

    private static String write(EventSource source) {
        try {
            return JSON.writeValueAsString(source);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
