package io.gatehouse.gateway.accesslog;

import io.gatehouse.gateway.exchange.Exchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The gateway's access log: one line per call, routed or not, on the SLF4J logger
 * {@value #LOGGER} at INFO, written once the client has been served (or the call failed):
 *
 * <pre>
 * request_id=… client=203.0.113.9 method=GET path=/petstore/v1/pets/1 status=200 bytes_in=0 bytes_out=312
 *   latency_ms=3.140 api=/petstore/v1 application=… outcome=accepted
 * </pre>
 *
 * {@code client} is the peer's address; {@code api} the context of the API the call was routed to and
 * {@code application} the id of the caller's application, {@code -} when unknown; {@code outcome} one
 * of {@code accepted}, {@code rejected}, {@code failed}, {@code no_route}. The path is logged without
 * the query string (which may carry keys) and with anything but visible ASCII percent-encoded, so a
 * line cannot be forged; no header is ever logged, so neither are credentials.
 *
 * <p>It is not a policy: calls no API serves have no chain, and they belong in the log too. The line
 * is formatted on the event loop and written by the {@link AccessLogWriter}'s thread, so the logger's
 * appenders may block without slowing calls; lines dropped because its queue was full are counted in
 * {@value #DROPPED}. {@code gatehouse.gateway.access-log.enabled=false} switches it off, as does the
 * logger's level ({@code logging.level.gatehouse.access=off}).
 */
@Component
public class AccessLog implements DisposableBean {

    public static final String LOGGER = "gatehouse.access";
    public static final String DROPPED = "gatehouse.gateway.access-log.dropped";
    static final int MAX_PATH = 2048;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final AccessLogWriter writer;

    public AccessLog(AccessLogProperties properties, MeterRegistry meters) {
        if (properties.enabled()) {
            Counter dropped = Counter.builder(DROPPED)
                    .description("Access log lines dropped because the writer could not keep up")
                    .register(meters);
            this.writer = new AccessLogWriter(log, properties.queueSize(), dropped::increment);
        } else {
            this.writer = null;
        }
    }

    /** Queues the line of a call that is over; does nothing when the access log is off. */
    public void record(Exchange exchange) {
        if (writer != null && log.isInfoEnabled()) {
            writer.offer(line(exchange));
        }
    }

    static String line(Exchange exchange) {
        StringBuilder line = new StringBuilder(256);
        line.append("request_id=").append(exchange.requestId());
        line.append(" client=").append(exchange.clientHost() == null ? "-" : exchange.clientHost());
        line.append(" method=").append(exchange.method());
        line.append(" path=");
        appendPath(line, exchange.path());
        line.append(" status=").append(exchange.status());
        line.append(" bytes_in=").append(exchange.requestBytes());
        line.append(" bytes_out=").append(exchange.responseBytes());
        long micros = exchange.latencyMicros();
        line.append(" latency_ms=").append(micros / 1000).append('.');
        long fraction = micros % 1000;
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        line.append(fraction);
        line.append(" api=").append(exchange.api() == null ? "-" : exchange.api().context());
        line.append(" application=").append(exchange.application() == null ? "-" : exchange.application().applicationId());
        line.append(" outcome=").append(outcome(exchange));
        return line.toString();
    }

    private static String outcome(Exchange exchange) {
        if (exchange.api() == null) {
            return "no_route";
        }
        return exchange.outcome() == null ? "failed" : exchange.outcome().name().toLowerCase(Locale.ROOT);
    }

    private static void appendPath(StringBuilder line, String path) {
        if (path == null || path.isEmpty()) {
            line.append('-');
            return;
        }
        int length = Math.min(path.length(), MAX_PATH);
        for (int i = 0; i < length; i++) {
            char c = path.charAt(i);
            if (c > ' ' && c < 0x7f && c != '"' && c != '\\') {
                line.append(c);
            } else {
                int b = c & 0xff;
                line.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        if (path.length() > MAX_PATH) {
            line.append("...");
        }
    }

    @Override
    public void destroy() {
        if (writer != null) {
            writer.close();
        }
    }
}
