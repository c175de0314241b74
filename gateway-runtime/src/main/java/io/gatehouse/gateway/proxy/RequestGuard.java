package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.exchange.ContentLength;
import io.gatehouse.gateway.problem.Problem;
import io.gatehouse.gateway.problem.ProblemType;
import io.vertx.core.MultiMap;
import org.springframework.stereotype.Component;

/**
 * Refuses requests whose declared size the gateway will not carry, before any policy or upstream
 * work: too many header fields (431) or a {@code Content-Length} over the body limit (413). Bodies
 * without a declared length are measured while they stream ({@link UpstreamProxy}); oversized
 * header blocks are refused by the HTTP decoder itself.
 */
@Component
public class RequestGuard {

    private final ProxyProperties properties;

    public RequestGuard(ProxyProperties properties) {
        this.properties = properties;
    }

    /** The problem to answer instead of serving {@code request}, or {@code null} to go on. */
    public Problem check(MultiMap headers) {
        if (fieldCount(headers) > properties.maxHeaders()) {
            return ProblemType.HEADERS_TOO_LARGE.withDetail("A request may carry at most " + properties.maxHeaders() + " header fields.");
        }
        if (ContentLength.declared(headers) > properties.maxBodySize().toBytes()) {
            return tooLarge(properties);
        }
        return null;
    }

    /** Header fields, each repetition counted ({@link MultiMap#size()} counts distinct names). */
    private int fieldCount(MultiMap headers) {
        int count = 0;
        for (var ignored : headers) {
            if (++count > properties.maxHeaders()) {
                break;
            }
        }
        return count;
    }

    static Problem tooLarge(ProxyProperties properties) {
        return ProblemType.PAYLOAD_TOO_LARGE.withDetail("A request body may hold at most " + properties.maxBodySize().toBytes() + " bytes.");
    }
}
