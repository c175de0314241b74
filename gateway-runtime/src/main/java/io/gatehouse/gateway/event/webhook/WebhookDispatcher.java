package io.gatehouse.gateway.event.webhook;

import io.gatehouse.core.webhook.WebhookProperties;
import io.gatehouse.core.webhook.delivery.AttemptResult;
import io.gatehouse.core.webhook.delivery.ClaimedDelivery;
import io.gatehouse.core.webhook.delivery.RetrySchedule;
import io.gatehouse.core.webhook.delivery.WebhookOutbox;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works the webhook outbox in one gateway process: a poller thread claims due deliveries (as many as
 * there are free slots of {@code gatehouse.webhook.concurrency}), each attempt runs on a virtual
 * thread through the {@link WebhookSender}, and its outcome is recorded in the {@link WebhookOutbox}:
 * 2xx delivered (and metered); 410 Gone disables the endpoint; anything else (another status, a
 * timeout, a connection error, a refused address) is retried after the next wait of the
 * {@link RetrySchedule}, or dead-lettered after the last. The poller looks for due deliveries every
 * {@code poll-interval}, and at once when an attempt finishes or deliveries are enqueued in this process.
 * Once a minute it cancels the deliveries of ended subscriptions and purges what outlived the retention.
 *
 * <p>Several dispatchers (in one process or many) may share a database: the outbox's claims keep
 * each delivery to one of them at a time. If the process dies mid-attempt, the claim's lease (the
 * attempt timeout plus {@link #LEASE_MARGIN}) runs out and another dispatcher tries again.
 */
public class WebhookDispatcher implements AutoCloseable {

    static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration HOUSEKEEPING_INTERVAL = Duration.ofMinutes(1);
    private static final Duration QUEUE_DEPTH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final WebhookOutbox outbox;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final RetrySchedule schedule;
    private final String node;
    private final Duration pollInterval;
    private final Duration lease;
    private final Duration retention;
    private final Duration attemptTimeout;
    private final Semaphore slots;
    private final int concurrency;
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-attempt-", 0).factory());
    private volatile boolean running;
    private volatile Thread poller;
    private long nextHousekeeping;
    private long nextQueueDepth;

    public WebhookDispatcher(WebhookOutbox outbox, WebhookSender sender, WebhookProperties properties, String node,
                             WebhookMetrics metrics) {
        this.outbox = outbox;
        this.sender = sender;
        this.metrics = metrics;
        this.schedule = new RetrySchedule(properties.retrySchedule());
        this.node = node;
        this.pollInterval = properties.pollInterval();
        this.lease = properties.timeout().plus(LEASE_MARGIN);
        this.retention = properties.retention();
        this.attemptTimeout = properties.timeout();
        this.concurrency = properties.concurrency();
        this.slots = new Semaphore(concurrency);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        poller = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::run);
        log.info("Delivering webhooks as {} (up to {} at once, retry schedule {})", node, concurrency, schedule);
    }

    /** Looks for due deliveries now rather than at the next poll. */
    public void wake() {
        Thread current = poller;
        if (current != null) {
            LockSupport.unpark(current);
        }
    }

    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                housekeeping();
                int claimed = claimAndDispatch();
                backoff = pollInterval;
                if (claimed == 0 || slots.availablePermits() == 0) {
                    LockSupport.parkNanos(pollInterval.toNanos());
                }
            } catch (RuntimeException e) {
                log.warn("Could not claim webhook deliveries ({}); trying again in {} ms", e.getMessage(), backoff.toMillis());
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private int claimAndDispatch() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        List<ClaimedDelivery> claimed = outbox.claim(free, lease);
        for (ClaimedDelivery delivery : claimed) {
            slots.acquireUninterruptibly();
            metrics.started();
            attempts.execute(() -> {
                try {
                    attempt(delivery);
                } finally {
                    metrics.finished();
                    slots.release();
                    wake();
                }
            });
        }
        return claimed.size();
    }

    private void attempt(ClaimedDelivery delivery) {
        AttemptResult result = sender.send(delivery).join();
        try {
            record(delivery, result);
        } catch (RuntimeException e) {
            log.warn("Could not record attempt {} of webhook delivery {} ({}); it is tried again once its lease ends",
                    delivery.attempts(), delivery.id(), e.getMessage());
        }
    }

    private void record(ClaimedDelivery delivery, AttemptResult result) {
        if (result.succeeded()) {
            outbox.delivered(delivery, result, node);
            metrics.delivered(result.durationMicros());
        } else if (result.gone()) {
            outbox.gone(delivery, result, node);
            metrics.gone(result.durationMicros());
            log.info("Webhook endpoint {} answered 410 Gone; it is disabled", delivery.endpointId());
        } else {
            metrics.failed(result.durationMicros());
            Optional<Duration> wait = schedule.next(delivery.roundAttempts(), result.retryAfter());
            if (wait.isPresent()) {
                outbox.retry(delivery, result, wait.get(), node);
            } else {
                outbox.deadLetter(delivery, result, node);
                metrics.deadLettered();
                log.info("Webhook delivery {} dead-lettered after {} attempts: {}", delivery.id(), delivery.roundAttempts(),
                        result.error());
            }
        }
    }

    private void housekeeping() {
        long now = System.nanoTime();
        if (now - nextQueueDepth >= 0) {
            nextQueueDepth = now + QUEUE_DEPTH_INTERVAL.toNanos();
            metrics.queueDepth(outbox.pending());
        }
        if (now - nextHousekeeping >= 0) {
            nextHousekeeping = now + HOUSEKEEPING_INTERVAL.toNanos();
            int cancelled = outbox.cancelForEndedSubscriptions();
            int purged = outbox.purge(retention);
            if (cancelled > 0 || purged > 0) {
                log.info("Webhook housekeeping: cancelled {} deliveries of ended subscriptions, purged {} old messages",
                        cancelled, purged);
            }
        }
    }

    /** Stops claiming, then waits for attempts in flight up to the attempt timeout. */
    public synchronized void stop(Duration wait) {
        if (!running) {
            return;
        }
        running = false;
        Thread current = poller;
        poller = null;
        if (current != null) {
            LockSupport.unpark(current);
            try {
                current.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (!slots.tryAcquire(concurrency, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Stopped with webhook attempts in flight; their leases end and another gateway retries them");
            } else {
                slots.release(concurrency);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming and waits for the attempts in flight (up to the attempt timeout); {@link #start()} may follow. */
    public void stop() {
        stop(attemptTimeout.plusSeconds(2));
    }

    /** Stops for good: also releases the attempts' threads and the sender's connections. */
    @Override
    public void close() {
        stop();
        attempts.shutdownNow();
        sender.close();
    }
}
