package io.gatehouse.gateway.route;

import io.gatehouse.core.secret.SecretSealer;
import io.gatehouse.core.snapshot.GatewaySnapshot;
import io.gatehouse.gateway.GatewayProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last registry snapshot the gateway served, as JSON on local disk
 * ({@code gatehouse.gateway.snapshot-cache}), so that a gateway can start and serve while the
 * database is unreachable. Written after every successful load to a temporary file in the same
 * directory, then renamed over the old one, so a reader never sees half a file.
 *
 * <p>Sensitivity: the file holds the whole routing configuration, upstream addresses and the
 * SHA-256 digests of every usable API key (never a key itself), and the event sources' broker passwords,
 * sealed with the secrets key ({@link SecretSealer}; in plain text only when no key is set). It is created
 * readable and writable by the gateway's user only (mode 600).
 *
 * <p>Compatibility: fields a newer gateway wrote are ignored, and fields an older one did not write
 * take their defaults, so a cache survives an upgrade or a rollback.
 */
@Component
public class SnapshotCache {

    private static final Logger log = LoggerFactory.getLogger(SnapshotCache.class);
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path file;
    private final SecretSealer sealer;

    public SnapshotCache(GatewayProperties properties, SecretSealer sealer) {
        this.file = properties.snapshotCache().toAbsolutePath();
        this.sealer = sealer;
    }

    public void write(GatewaySnapshot snapshot) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            createPrivate(temporary);
            Files.write(temporary, MAPPER.writeValueAsBytes(sealer.canSeal() ? snapshot.mappingSecrets(sealer::seal) : snapshot));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not cache the registry snapshot in {}: {}", file, e.getMessage());
        }
    }

    public Optional<GatewaySnapshot> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(Files.readAllBytes(file), GatewaySnapshot.class).mappingSecrets(sealer::openOrKeep));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the cached registry snapshot {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    Path file() {
        return file;
    }

    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
    }
}
