package io.gatehouse.core.api.spec;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The imported documents, in the {@code spec_*} columns of {@code api}. Kept out of the {@code Api}
 * entity on purpose: documents can be megabytes, and APIs are listed and loaded into gateway
 * snapshots far more often than their documents are read.
 */
@Repository
public class StoredSpecs {

    private final JdbcTemplate jdbc;

    public StoredSpecs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void save(UUID apiId, StoredSpec spec) {
        jdbc.update("update api set spec_format = ?, spec_media_type = ?, spec_document = ? where id = ?",
                spec.format().name(), spec.mediaType(), spec.text(), apiId);
    }

    public Optional<StoredSpec> find(UUID apiId) {
        List<StoredSpec> found = jdbc.query("select spec_format, spec_media_type, spec_document from api where id = ? and spec_document is not null",
                (row, n) -> new StoredSpec(SpecFormat.valueOf(row.getString(1)), row.getString(2), row.getString(3)), apiId);
        return found.stream().findFirst();
    }
}
