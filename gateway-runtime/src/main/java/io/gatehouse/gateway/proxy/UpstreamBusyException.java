package io.gatehouse.gateway.proxy;

import io.netty.channel.ConnectTimeoutException;

/**
 * Every connection an event loop may keep to the upstream stayed busy for the call's connect timeout. A
 * connect timeout as far as the caller is concerned (504, not retried), with its own explanation.
 */
final class UpstreamBusyException extends ConnectTimeoutException {

    UpstreamBusyException(int connections, long waitedMillis) {
        super("all " + connections + " connections to the upstream on this event loop stayed busy for " + waitedMillis + " ms");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
