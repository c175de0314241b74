package io.gatehouse.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the data plane, under {@code gatehouse.gateway}.
 *
 * @param port                   where clients connect; 0 picks a free port
 * @param host                   the address to bind
 * @param connectTimeout         how long to wait for an upstream connection (502/504 after it)
 * @param responseTimeout        how long an upstream may stay silent, unless the API sets {@code timeoutMs}
 * @param nodeName               this gateway's name in usage records; the host name when blank
 * @param registryPollInterval   fallback check of the registry version when notifications are lost
 * @param usageFlushInterval     how often queued usage records are written
 * @param usageBatchSize         how many usage records one write holds at most
 * @param shutdownTimeout        how long a stop waits for calls in flight
 * @param usage                  the usage journal, under {@code gatehouse.gateway.usage}
 * @param snapshotCache          where the last registry snapshot is cached for starts without the database
 * @param eventLoops             network threads serving calls; 0 (the default) for one per core
 */
@ConfigurationProperties("gatehouse.gateway")
public record GatewayProperties(
        @DefaultValue("8000") int port,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        String nodeName,
        @DefaultValue("5s") Duration registryPollInterval,
        @DefaultValue("1s") Duration usageFlushInterval,
        @DefaultValue("2000") int usageBatchSize,
        @DefaultValue("10s") Duration shutdownTimeout,
        @DefaultValue Usage usage,
        @DefaultValue("./data/snapshot.json") Path snapshotCache,
        @DefaultValue("0") int eventLoops) {

    public GatewayProperties {
        if (eventLoops < 0) {
            throw new IllegalArgumentException("gatehouse.gateway.event-loops must be 0 (one per core) or more");
        }
        if (eventLoops == 0) {
            eventLoops = Runtime.getRuntime().availableProcessors();
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("gatehouse.gateway.port must be between 0 and 65535");
        }
        if (usageBatchSize < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.usage-batch-size must be positive");
        }
        if (usage == null) {
            usage = Usage.defaults();
        }
        if (snapshotCache == null) {
            snapshotCache = Path.of("./data/snapshot.json");
        }
        if (nodeName == null || nodeName.isBlank()) {
            nodeName = localHostName();
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }

    /**
     * The local usage journal (see {@code io.gatehouse.gateway.usage.UsageJournal}).
     *
     * @param journalDir      where segment files are appended; one directory per gateway process
     * @param fsync           {@code always} (group commit) or {@code interval}
     * @param fsyncInterval   with {@code interval}: the most a machine crash can lose
     * @param segmentBytes    a segment is sealed and a new one started past this size
     */
    public record Usage(
            @DefaultValue("./data/usage-journal") Path journalDir,
            @DefaultValue("interval") FsyncPolicy fsync,
            @DefaultValue("PT0.2S") Duration fsyncInterval,
            @DefaultValue("16777216") long segmentBytes) {

        public Usage {
            if (fsyncInterval == null || fsyncInterval.isNegative() || fsyncInterval.isZero()) {
                throw new IllegalArgumentException("gatehouse.gateway.usage.fsync-interval must be positive");
            }
            if (segmentBytes < 4096) {
                throw new IllegalArgumentException("gatehouse.gateway.usage.segment-bytes must be at least 4096");
            }
        }

        public static Usage defaults() {
            return new Usage(Path.of("./data/usage-journal"), FsyncPolicy.INTERVAL, Duration.ofMillis(200), 16 * 1024 * 1024);
        }

        public Usage withJournalDir(Path directory) {
            return new Usage(directory, fsync, fsyncInterval, segmentBytes);
        }
    }

    /** When journal writes reach the disk, beyond the OS page cache (which survives a killed process). */
    public enum FsyncPolicy {
        /** A sync thread fsyncs each batch of writes as soon as it can; callers off the event loop wait for it. */
        ALWAYS,
        /** A sync thread fsyncs every {@code fsync-interval}. */
        INTERVAL
    }
}
