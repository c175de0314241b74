package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import java.util.List;

/**
 * Where the gateway's {@link JournaledUsageSink} puts batches of journaled usage records for good:
 * the ledger table itself, or the usage topic the control plane ingests. {@link #store} returns only
 * once every record of the batch is durable there (committed, or acknowledged by all in-sync
 * replicas), and throws otherwise; the sink then retries the same batch, and replays journal segments
 * after a crash, so a store sees some records twice and the ledger must keep each once (it is
 * idempotent on the record's id). Called from the sink's one writer thread.
 */
public interface UsageStore {

    void store(List<UsageRecord> records);
}
