package io.gatehouse.gateway.accesslog;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Hands access log lines from the event loop to one writer thread, which passes them to the logger:
 * whatever appenders the logging configuration gives that logger (console, a file, a socket), their
 * I/O happens on the writer thread, never on the event loop. The queue is bounded; when it is full a
 * line is dropped and counted rather than slowing calls. On close the writer drains what is queued.
 */
final class AccessLogWriter implements AutoCloseable {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private final Logger log;
    private final BlockingQueue<String> queue;
    private final Runnable onDrop;
    private final Thread thread;
    private volatile boolean closed;

    AccessLogWriter(Logger log, int capacity, Runnable onDrop) {
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onDrop = onDrop;
        this.thread = Thread.ofPlatform().daemon().name("gatehouse-access-log").start(this::run);
    }

    /** Queues a line without waiting; a full queue drops it. */
    void offer(String line) {
        if (closed || !queue.offer(line)) {
            onDrop.run();
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            try {
                String line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    log.info(line);
                }
            } catch (InterruptedException e) {
                closed = true;
            } catch (RuntimeException e) {
                onDrop.run();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(DRAIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
