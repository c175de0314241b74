package io.gatehouse.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A real PostgreSQL the test starts and stops itself, on a fixed data directory and port, so that a
 * gateway pointed at it sees an outage and the same database coming back.
 */
public final class StandaloneDatabase implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    public StandaloneDatabase(Path dataDirectory) {
        this(dataDirectory, freePort());
    }

    public StandaloneDatabase(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public StandaloneDatabase start() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).setServerConfig("max_connections", "200").start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Spring properties that point a context at this database and let it start while the database is down. */
    public String[] properties() {
        return new String[] {
                "spring.datasource.url=" + jdbcUrl(),
                "spring.datasource.username=postgres",
                "spring.datasource.hikari.connection-timeout=2000",
                "spring.datasource.hikari.initialization-fail-timeout=-1",
                "spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true"};
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
