package io.gatehouse.core.usage;

/**
 * Where the gateway hands usage records. The only way usage leaves the data plane.
 *
 * <p>Contract: {@link #accept} is called on the request path, once per record, from any thread;
 * it must return quickly without blocking on I/O. An implementation takes ownership of the record:
 * it must store it at least once and must let the store deduplicate on {@link UsageRecord#id()},
 * so that retries never count a record twice. {@link #flush} blocks until every record accepted
 * before the call is stored, or throws; it is called on shutdown and by tests.
 */
public interface UsageSink {

    void accept(UsageRecord record);

    void flush();
}
