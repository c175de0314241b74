package io.gatehouse.gateway.accesslog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's access log, under {@code gatehouse.gateway.access-log}.
 *
 * @param enabled   one line per call on the logger {@code gatehouse.access}; off writes nothing and costs nothing
 * @param queueSize lines waiting for the access log's writer thread; past it, lines are dropped (and counted)
 *                  rather than slowing calls
 */
@ConfigurationProperties("gatehouse.gateway.access-log")
public record AccessLogProperties(@DefaultValue("true") boolean enabled, @DefaultValue("8192") int queueSize) {

    public AccessLogProperties {
        if (queueSize < 1) {
            throw new IllegalArgumentException("gatehouse.gateway.access-log.queue-size must be positive");
        }
    }
}
