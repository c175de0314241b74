package io.gatehouse.gateway.usage;

import io.gatehouse.core.usage.UsageLines;
import io.gatehouse.core.usage.UsageRecord;
import io.gatehouse.gateway.GatewayProperties.FsyncPolicy;
import io.gatehouse.gateway.GatewayProperties.Usage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Context;

/**
 * The gateway's local, append-only record of usage not yet stored in the database: a directory of
 * segment files ({@code segment-<sequence>.jsonl}, one {@link UsageLines} line per record).
 *
 * <p>{@link #append} writes the record to the active segment with one {@code write} call before it
 * returns, so the record is in the OS page cache and survives a killed process ({@code kill -9}).
 * Reaching the disk, which survives a machine crash, is the sync thread's job: with
 * {@link FsyncPolicy#INTERVAL} it fsyncs every {@code fsync-interval} (the window a machine crash
 * can lose); with {@link FsyncPolicy#ALWAYS} it fsyncs as soon as writes are pending (group commit)
 * and {@code append} waits for the fsync of its write, except on a non-blocking thread (Netty's event
 * loop), which never waits: there the window is the one fsync in progress.
 *
 * <p>A segment is deleted only once it is sealed and every record in it has been {@link #committed};
 * the active segment is sealed when it grows past {@code segment-bytes} or when everything in it is
 * committed ({@link #rollIfDrained}). Segments found at {@link #open} belong to an earlier process
 * and are handed out by {@link #recovered} for replay.
 */
final class UsageJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UsageJournal.class);
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";

    private final Usage config;
    private final List<Segment> live = new CopyOnWriteArrayList<>();
    private final List<Path> recovered = new ArrayList<>();
    private final Object synced = new Object();
    private final AtomicLong pending = new AtomicLong();
    private long appended;
    private volatile long syncedUpTo;
    private long nextSequence;
    private Segment active;
    private volatile boolean running;
    private Thread syncer;

    UsageJournal(Usage config) {
        this.config = config;
    }

    /** Creates the directory, lists the segments an earlier process left and starts a fresh one. */
    synchronized void open() {
        try {
            Files.createDirectories(config.journalDir());
            try (Stream<Path> files = Files.list(config.journalDir())) {
                files.filter(UsageJournal::isSegment).sorted().forEach(recovered::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal in " + config.journalDir(), e);
        }
        nextSequence = recovered.isEmpty() ? 1 : sequence(recovered.getLast()) + 1;
        active = startSegment();
        running = true;
        syncer = Thread.ofPlatform().daemon().name("usage-journal-sync").start(this::syncLoop);
    }

    /** Segments left by an earlier process, oldest first; each to be replayed, then {@link #delete}d. */
    synchronized List<Path> recovered() {
        return List.copyOf(recovered);
    }

    /** Appends one record to the page cache (see the class comment for when it reaches the disk). */
    Segment append(UsageRecord record) {
        byte[] line = UsageLines.encode(record);
        return append(line, line.length, 1);
    }

    /** Appends {@code count} records' lines (the first {@code length} bytes of {@code lines}) with one write, all to one segment. */
    Segment append(byte[] lines, int length, int count) {
        Segment segment;
        long generation;
        synchronized (this) {
            if (!running) {
                throw new IllegalStateException("the usage journal is closed");
            }
            if (active.bytes + length > config.segmentBytes() && active.written > 0) {
                seal(active);
                active = startSegment();
            }
            segment = active;
            segment.write(lines, length, count);
            generation = ++appended;
        }
        pending.addAndGet(count);
        if (config.fsync() == FsyncPolicy.ALWAYS) {
            LockSupport.unpark(syncer);
            if (!Context.isOnEventLoopThread()) {
                awaitSync(generation);
            }
        }
        return segment;
    }

    /** {@code count} records of {@code segment} are stored in the database. */
    void committed(Segment segment, int count) {
        segment.committed.addAndGet(count);
        pending.addAndGet(-count);
        if (segment.sealed && segment.drained()) {
            release(segment);
        }
    }

    /** Seals the active segment and starts a new one when everything in it is committed. */
    synchronized void rollIfDrained() {
        if (running && active.written > 0 && active.drained()) {
            Segment done = active;
            active = startSegment();
            seal(done);
        }
    }

    static List<UsageRecord> read(Path segment) {
        List<UsageRecord> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(UsageLines.decode(line));
                } catch (RuntimeException e) {
                    log.warn("Skipping unreadable line {} of {} (a write cut short by a crash): {}", number, segment,
                            e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read usage journal segment " + segment, e);
        }
        return records;
    }

    synchronized void delete(Path segment) {
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete usage journal segment " + segment, e);
        }
        recovered.remove(segment);
    }

    /** Bytes in live segments of this process (recovered segments not counted). */
    long bytes() {
        return live.stream().mapToLong(s -> s.bytes).sum();
    }

    /** Records journaled by this process and not yet committed. */
    long pendingRecords() {
        return pending.get();
    }

    int segments() {
        return live.size() + recovered.size();
    }

    private void seal(Segment segment) {
        segment.sealed = true;
        if (segment.drained()) {
            release(segment);
        }
    }

    private void release(Segment segment) {
        if (!live.remove(segment)) {
            return;
        }
        try {
            segment.channel.close();
            Files.deleteIfExists(segment.path);
        } catch (IOException e) {
            log.warn("Could not delete usage journal segment {}: {}", segment.path, e.getMessage());
        }
    }

    private Segment startSegment() {
        Path path = config.journalDir().resolve(PREFIX + "%020d".formatted(nextSequence++) + SUFFIX);
        try {
            Segment segment = new Segment(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            live.add(segment);
            return segment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create usage journal segment " + path, e);
        }
    }

    private void syncLoop() {
        while (running) {
            if (config.fsync() == FsyncPolicy.ALWAYS) {
                if (syncedUpTo == currentGeneration()) {
                    LockSupport.parkNanos(config.fsyncInterval().toNanos());
                }
            } else {
                LockSupport.parkNanos(config.fsyncInterval().toNanos());
            }
            syncNow();
        }
    }

    private synchronized long currentGeneration() {
        return appended;
    }

    /** Forces every live segment to disk; returns once writes made before the call are durable. */
    void syncNow() {
        long generation = currentGeneration();
        if (generation == syncedUpTo) {
            return;
        }
        for (Segment segment : live) {
            try {
                segment.channel.force(false);
            } catch (ClosedChannelException e) {
                // released meanwhile: its records are committed
            } catch (IOException e) {
                log.error("Could not fsync usage journal segment {}: {}", segment.path, e.getMessage());
                return;
            }
        }
        synchronized (synced) {
            syncedUpTo = Math.max(syncedUpTo, generation);
            synced.notifyAll();
        }
    }

    private void awaitSync(long generation) {
        synchronized (synced) {
            while (syncedUpTo < generation && running) {
                try {
                    synced.wait(config.fsyncInterval().toMillis() + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops syncing and closes the files after a last fsync; segments with uncommitted records stay. */
    @Override
    public void close() {
        syncNow();
        synchronized (this) {
            running = false;
        }
        if (syncer != null) {
            LockSupport.unpark(syncer);
        }
        rollIfDrainedOnClose();
        for (Segment segment : live) {
            try {
                segment.channel.close();
            } catch (IOException e) {
                log.warn("Could not close usage journal segment {}: {}", segment.path, e.getMessage());
            }
        }
        synchronized (synced) {
            synced.notifyAll();
        }
    }

    private void rollIfDrainedOnClose() {
        for (Segment segment : live) {
            if (segment.drained()) {
                release(segment);
            }
        }
    }

    private static boolean isSegment(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static long sequence(Path path) {
        String name = path.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    /** One segment file this process writes. */
    static final class Segment {

        private final Path path;
        private final FileChannel channel;
        private final AtomicLong committed = new AtomicLong();
        private volatile long written;
        private volatile long bytes;
        private volatile boolean sealed;

        private Segment(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        private void write(byte[] lines, int length, int count) {
            ByteBuffer buffer = ByteBuffer.wrap(lines, 0, length);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to usage journal segment " + path, e);
            }
            written += count;
            bytes += length;
        }

        private boolean drained() {
            return committed.get() >= written;
        }
    }
}
