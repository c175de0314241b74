package io.gatehouse.core.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import io.gatehouse.core.secret.SealedSecrets;
import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.secret.SecretUnreadableException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The event sources of EVENT APIs, in the {@code event_source} column of {@code api} (JSON). Kept out of
 * the {@code Api} entity so that the API feature knows nothing of events. An EVENT API whose column is
 * null (created without a source, e.g. in the console) has {@link EventSource#DEFAULT}. Secrets (broker
 * passwords) are stored sealed ({@link SecretSealer}) and read back opened; one this process cannot open
 * stays sealed, so that the broker refuses it, and is logged once.
 */
@Repository
public class EventSourceStore implements SealedSecrets {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final SecretSealer sealer;

    public EventSourceStore(JdbcTemplate jdbc, SecretSealer sealer) {
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    /**
     * Without a secrets key a source keeps what it holds as it is: new passwords are refused before they get
     * here ({@link EventApiService}), and one stored before secrets were sealed stays readable when the
     * source is changed otherwise (a channel renamed).
     */
    void save(UUID apiId, EventSource source) {
        jdbc.update("update api set event_source = ?::jsonb where id = ?",
                write(sealer.canSeal() ? source.mappingSecrets(sealer::seal) : source), apiId);
    }

    @Override
    @Transactional
    public int resealAll() {
        int changed = 0;
        for (Map.Entry<UUID, String> row : storedJson().entrySet()) {
            EventSource stored = parse(row.getValue());
            if (!stored.secrets().stream().allMatch(sealer::sealedWithCurrentKey)) {
                EventSource opened;
                try {
                    opened = stored.mappingSecrets(sealer::open);
                } catch (SecretUnreadableException e) {
                    continue; // sealed with a key this process does not hold: left as it is (reading it says so)
                }
                save(row.getKey(), opened);
                changed++;
            }
        }
        return changed;
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

    @Override
    public String what() {
        return "event sources' broker passwords";
    }

    private Map<UUID, String> storedJson() {
        Map<UUID, String> rows = new HashMap<>();
        jdbc.query("select id, event_source from api where event_source is not null for update",
                row -> { rows.put(row.getObject(1, UUID.class), row.getString(2)); });
        return rows;
    }

    private EventSource read(String json) {
        return json == null ? EventSource.DEFAULT : parse(json).mappingSecrets(sealer::openOrKeep);
    }

    private static EventSource parse(String json) {
        try {
            return JSON.readValue(json, EventSource.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable event source", e);
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
