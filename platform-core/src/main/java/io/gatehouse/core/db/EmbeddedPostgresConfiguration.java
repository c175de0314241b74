package io.gatehouse.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded PostgreSQL of {@code start-dev} and of the tests: a real PostgreSQL server started in
 * process, its data under {@code gatehouse.db.embedded-dir} (kept between runs) or, when that is
 * empty, in a fresh temporary directory. It stops when the application context closes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gatehouse.db.embedded", havingValue = "true")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${gatehouse.db.embedded-dir:}") String directory,
                                      @Value("${gatehouse.db.embedded-port:0}") int port) throws IOException {
        boolean persistent = !directory.isBlank();
        Path dataDirectory = persistent ? Path.of(directory).toAbsolutePath() : Files.createTempDirectory("gatehouse-pg");
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!persistent)
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on 127.0.0.1:{} with data in {}", postgres.getPort(), dataDirectory);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, @Value("${gatehouse.db.pool-size:20}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("gatehouse");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
