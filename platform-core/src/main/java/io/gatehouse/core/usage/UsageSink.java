package io.gatehouse.core.usage;

/**
 * Where the gateway hands usage records. The only way usage leaves the data plane.
 *
 * <p>Contract: {@link #accept} is called in the log phase, once per record, from any thread
 * (Netty's event loop included); it must return quickly and never wait on the network or on a
 * database. An implementation takes ownership of the record: it must store it at least once and
 * must let the store deduplicate on {@link UsageRecord#id()}, so that retries and replays never
 * count a record twice. A durable sink makes the record survive the death of the process before
 * {@code accept} returns (the gateway's sink appends it to a local journal file: one write to the
 * OS page cache, no fsync on the event loop), and documents what a machine crash can still lose.
 * {@link #flush} blocks until every record accepted before the call is stored, or throws; it is
 * called on shutdown and by tests.
 */
public interface UsageSink {

    void accept(UsageRecord record);

    void flush();
}
