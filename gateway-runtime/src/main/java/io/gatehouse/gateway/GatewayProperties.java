package io.gatehouse.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
        @DefaultValue("500") int usageBatchSize,
        @DefaultValue("10s") Duration shutdownTimeout) {

    public GatewayProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("gatehouse.gateway.port must be between 0 and 65535");
        }
        if (usageBatchSize < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.usage-batch-size must be positive");
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
}
