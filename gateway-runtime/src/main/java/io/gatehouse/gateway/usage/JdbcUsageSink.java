package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.core.usage.UsageSink;
import io.gatehouse.gateway.GatewayProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores usage records in the {@code usage_record} table, off the request path. {@link #accept}
 * only enqueues; one writer thread takes up to the batch size every flush interval (sooner when a
 * batch is full) and writes it as one JDBC batch of {@code insert ... on conflict (id) do nothing},
 * so a record written twice is stored once. When the database fails, the batch is kept and retried
 * with backoff; records are never dropped while the process lives. Records are written in the order
 * they were accepted.
 */
@Component
public class JdbcUsageSink implements UsageSink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JdbcUsageSink.class);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    private final Duration flushInterval;
    private final int batchSize;
    private final ConcurrentLinkedQueue<UsageRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final Object progress = new Object();
    private final List<UsageRecord> batch = new ArrayList<>();
    private final Counter writtenCounter;
    private final Counter failureCounter;
    private volatile boolean running;
    private volatile Thread writer;

    public JdbcUsageSink(JdbcTemplate jdbc, GatewayProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.flushInterval = properties.usageFlushInterval();
        this.batchSize = properties.usageBatchSize();
        this.writtenCounter = Counter.builder("gatehouse.usage.written").description("Usage records stored")
                .register(registry);
        this.failureCounter = Counter.builder("gatehouse.usage.failures").description("Failed usage batch writes")
                .register(registry);
        Gauge.builder("gatehouse.usage.queued", this, JdbcUsageSink::queued).description("Usage records waiting to be stored")
                .register(registry);
    }

    @Override
    public void accept(UsageRecord record) {
        queue.add(record);
        if ((accepted.incrementAndGet() - stored.get()) % batchSize == 0) {
            wake();
        }
    }

    @Override
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (stored.get() < target) {
            if (writer == null) {
                writeAvailable();
                continue;
            }
            wake();
            synchronized (progress) {
                if (stored.get() < target) {
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
        while (running || !queue.isEmpty()) {
            try {
                if (!writeAvailable()) {
                    LockSupport.parkNanos(flushInterval.toNanos());
                }
                backoff = Duration.ofMillis(200);
            } catch (RuntimeException e) {
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

    /** Writes the pending batch and then queued records; false when there was nothing to write. */
    private synchronized boolean writeAvailable() {
        boolean wrote = false;
        while (true) {
            while (batch.size() < batchSize) {
                UsageRecord next = queue.poll();
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return wrote;
            }
            jdbc.batchUpdate(UsageRows.INSERT, batch, batch.size(), UsageRows::bind);
            int count = batch.size();
            batch.clear();
            writtenCounter.increment(count);
            synchronized (progress) {
                stored.addAndGet(count);
                progress.notifyAll();
            }
            wrote = true;
        }
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
        if (queued() > 0) {
            log.error("Stopped with {} usage record(s) not stored", queued());
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
}
