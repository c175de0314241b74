package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.LineBuffer;
import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves usage records to their {@link UsageStore} (the {@code usage_record} table, or the usage topic),
 * off the request path, without losing them to a killed process. {@link #accept} first appends the record to the local {@link UsageJournal}
 * (one page-cache write; see there for fsync), then queues it. On an event loop, the records of one
 * turn are journaled together with one write at the end of that turn, as the responses that produced
 * them complete: a kill can lose at most the records of calls completing in that turn, one per
 * connection. One writer thread hands the store full batches as soon as they fill, and what is
 * queued short of a batch once per flush interval (or when {@link #flush} asks). The store keeps a
 * record written twice once ({@link io.gatehouse.core.usage.UsageRows}: COPY, and for a batch holding a
 * record already stored, {@code insert ... on conflict (id) do nothing}). A journal
 * segment is deleted once all its records are committed. When the store fails, the batch is kept
 * and retried with backoff. On start, the writer first replays the segments an earlier process left
 * (crashed or stopped during an outage) while new records are already accepted.
 */
@Component
public class JournaledUsageSink implements UsageSink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JournaledUsageSink.class);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final UsageStore store;
    private final Duration flushInterval;
    private final int batchSize;
    private final GatewayProperties.Usage journalConfig;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong queuedEntries = new AtomicLong();
    private final AtomicInteger flushers = new AtomicInteger();
    private final ThreadLocal<TurnBatch> turnBatches = ThreadLocal.withInitial(TurnBatch::new);
    private final Object progress = new Object();
    private final List<Entry> batch = new ArrayList<>();
    private final Counter writtenCounter;
    private final Counter failureCounter;
    private final Counter replayedCounter;
    private final Counter journalFailureCounter;
    private volatile UsageJournal journal;
    private volatile boolean replaying;
    private volatile boolean running;
    private volatile Thread writer;

    public JournaledUsageSink(UsageStore store, GatewayProperties properties, MeterRegistry registry) {
        this.store = store;
        this.flushInterval = properties.usageFlushInterval();
        this.batchSize = properties.usageBatchSize();
        this.journalConfig = properties.usage();
        this.writtenCounter = Counter.builder("gatehouse.usage.written").description("Usage records stored")
                .register(registry);
        this.failureCounter = Counter.builder("gatehouse.usage.failures").description("Failed usage batch writes")
                .register(registry);
        this.replayedCounter = Counter.builder("gatehouse.usage.journal.replayed")
                .description("Usage records replayed from journal segments an earlier process left").register(registry);
        this.journalFailureCounter = Counter.builder("gatehouse.usage.journal.failures")
                .description("Usage records that could not be journaled and were kept in memory only").register(registry);
        Gauge.builder("gatehouse.usage.journal.bytes", this, sink -> sink.journal == null ? 0 : sink.journal.bytes())
                .description("Bytes in this process's usage journal segments").baseUnit("bytes").register(registry);
        Gauge.builder("gatehouse.usage.journal.segments", this, sink -> sink.journal == null ? 0 : sink.journal.segments())
                .description("Usage journal segment files, including those waiting for replay").register(registry);
        Gauge.builder("gatehouse.usage.journal.records", this, sink -> sink.journal == null ? 0 : sink.journal.pendingRecords())
                .description("Journaled usage records not yet stored").register(registry);
        Gauge.builder("gatehouse.usage.queued", this, JournaledUsageSink::queued).description("Usage records waiting to be stored")
                .register(registry);
    }

    @Override
    public void accept(UsageRecord record) {
        accepted.incrementAndGet();
        Context context = Vertx.currentContext();
        if (context != null && Context.isOnEventLoopThread()) {
            TurnBatch batch = turnBatches.get();
            if (batch.add(record)) {
                context.runOnContext(ignored -> journalAndQueue(batch));
            }
            return;
        }
        UsageJournal.Segment segment = null;
        UsageJournal current = journal;
        if (current != null) {
            try {
                segment = current.append(record);
            } catch (UncheckedIOException | IllegalStateException e) {
                journalFailureCounter.increment();
                log.error("Could not journal usage record {}; keeping it in memory only: {}", record.id(), e.getMessage());
            }
        }
        enqueue(record, segment);
    }

    /**
     * Journals the records an event loop accepted during one turn with one write, at the end of that
     * turn (as the responses that produced them complete), then queues them for the store.
     */
    private void journalAndQueue(TurnBatch batch) {
        List<UsageRecord> records = batch.records;
        UsageJournal.Segment segment = null;
        UsageJournal current = journal;
        if (current != null) {
            try {
                segment = current.append(batch.lines.array(), batch.lines.length(), records.size());
            } catch (UncheckedIOException | IllegalStateException e) {
                journalFailureCounter.increment(records.size());
                log.error("Could not journal {} usage record(s); keeping them in memory only: {}", records.size(), e.getMessage());
            }
        }
        for (UsageRecord record : records) {
            enqueue(record, segment);
        }
        batch.clear();
    }

    private void enqueue(UsageRecord record, UsageJournal.Segment segment) {
        queue.add(new Entry(record, segment));
        if (queuedEntries.incrementAndGet() % batchSize == 0) {
            wake();
        }
    }

    @Override
    public void flush() {
        flushers.incrementAndGet();
        try {
            awaitStored(accepted.get());
        } finally {
            flushers.decrementAndGet();
        }
    }

    private void awaitStored(long target) {
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (stored.get() < target || replaying) {
            if (writer == null) {
                writeAvailable(true);
                continue;
            }
            wake();
            synchronized (progress) {
                if (stored.get() < target || replaying) {
                    try {
                        progress.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while flushing usage records", e);
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("usage records not stored within " + FLUSH_WAIT + "; " + queued()
                        + " still queued");
            }
        }
    }

    public long queued() {
        return accepted.get() - stored.get();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        long partialDue = System.nanoTime() + flushInterval.toNanos();
        while (running || !queue.isEmpty()) {
            try {
                long now = System.nanoTime();
                boolean partial = !running || flushers.get() > 0 || now - partialDue >= 0;
                if (partial) {
                    partialDue = now + flushInterval.toNanos();
                }
                if (replaying) {
                    replayNext();
                } else if (!writeAvailable(partial)) {
                    LockSupport.parkNanos(partialDue - System.nanoTime());
                }
                backoff = Duration.ofMillis(200);
            } catch (RuntimeException | AssertionError e) {
                // the PostgreSQL driver asserts (with -ea) when the server goes away in the middle of a batch
                failureCounter.increment();
                log.warn("Could not store usage records ({}); {} queued, retrying in {} ms", e.getMessage(), queued(),
                        backoff.toMillis());
                if (!running) {
                    return;
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Writes the pending batch and then queued records, in full batches; a last batch that is not full
     * only when {@code partial}. Records arriving while a batch is stored wait for the next full batch
     * or the next flush interval: a writer that chased them would store a trickle of tiny batches, each
     * a transaction. False when there was nothing to write.
     */
    private synchronized boolean writeAvailable(boolean partial) {
        boolean wrote = false;
        while (true) {
            while (batch.size() < batchSize) {
                Entry next = queue.poll();
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            if (batch.isEmpty() || (batch.size() < batchSize && !partial)) {
                return wrote;
            }
            partial &= batch.size() == batchSize;
            store.store(batch.stream().map(Entry::record).toList());
            int count = batch.size();
            commitToJournal();
            batch.clear();
            writtenCounter.increment(count);
            synchronized (progress) {
                stored.addAndGet(count);
                progress.notifyAll();
            }
            wrote = true;
            if (queue.isEmpty() && journal != null) {
                journal.rollIfDrained();
            }
        }
    }

    private void commitToJournal() {
        UsageJournal current = journal;
        if (current == null) {
            return;
        }
        Map<UsageJournal.Segment, Integer> counts = new IdentityHashMap<>();
        for (Entry entry : batch) {
            if (entry.segment() != null) {
                counts.merge(entry.segment(), 1, Integer::sum);
            }
        }
        counts.forEach(current::committed);
    }

    /** Stores the oldest segment an earlier process left, then deletes it; the same again on failure. */
    private void replayNext() {
        List<Path> left = journal.recovered();
        if (left.isEmpty()) {
            replaying = false;
            synchronized (progress) {
                progress.notifyAll();
            }
            return;
        }
        Path segment = left.getFirst();
        List<UsageRecord> records = UsageJournal.read(segment);
        for (int from = 0; from < records.size(); from += batchSize) {
            List<UsageRecord> chunk = records.subList(from, Math.min(records.size(), from + batchSize));
            store.store(chunk);
        }
        journal.delete(segment);
        replayedCounter.increment(records.size());
        log.info("Replayed {} usage record(s) from {}", records.size(), segment.getFileName());
    }

    /** Waits out a backoff; wake-ups from {@link #accept} and {@link #flush} do not shorten it. */
    private void pause(Duration backoff) {
        long deadline = System.nanoTime() + backoff.toNanos();
        for (long left = backoff.toNanos(); left > 0 && running; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void wake() {
        Thread current = writer;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    @Override
    public void start() {
        UsageJournal opened = new UsageJournal(journalConfig);
        opened.open();
        replaying = !opened.recovered().isEmpty();
        if (replaying) {
            log.info("Usage journal in {} holds {} segment(s) from an earlier process; replaying them",
                    journalConfig.journalDir(), opened.recovered().size());
        }
        journal = opened;
        running = true;
        writer = Thread.ofPlatform().daemon().name("usage-writer").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread current = writer;
        if (current == null) {
            return;
        }
        LockSupport.unpark(current);
        try {
            current.join(FLUSH_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer = null;
        UsageJournal open = journal;
        journal = null;
        if (open != null) {
            open.close();
        }
        if (queued() > 0) {
            log.error("Stopped with {} usage record(s) not stored; they stay in the journal in {} for the next start",
                    queued(), journalConfig.journalDir());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private record Entry(UsageRecord record, UsageJournal.Segment segment) {
    }

    /** The records one event loop accepted in its current turn, with their journal lines. */
    private static final class TurnBatch {
        private final List<UsageRecord> records = new ArrayList<>();
        private final LineBuffer lines = new LineBuffer(64 * 1024);

        /** Adds a record; true when it is the first of this turn (the batch must then be scheduled). */
        boolean add(UsageRecord record) {
            records.add(record);
            UsageLines.encode(record, lines);
            return records.size() == 1;
        }

        void clear() {
            records.clear();
            lines.clear();
        }
    }
}
