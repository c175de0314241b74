package io.gatehouse.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessLogWriterTests {

    @Test
    void aStuckAppenderNeitherBlocksTheCallerNorLosesWhatFitsTheQueue() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        Logger logger = loggerWritingTo(new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                try {
                    stuck.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.add(event.getFormattedMessage());
            }
        });
        AtomicInteger dropped = new AtomicInteger();
        AccessLogWriter writer = new AccessLogWriter(logger, 100, dropped::incrementAndGet);

        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            writer.offer("line " + i);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        stuck.countDown();
        writer.close();

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(dropped.get()).isBetween(1000 - 101, 1000 - 100);
        assertThat(written).hasSize(1000 - dropped.get()).startsWith("line 0");
    }

    private static Logger loggerWritingTo(AppenderBase<ILoggingEvent> appender) {
        LoggerContext context = new LoggerContext();
        appender.setContext(context);
        appender.start();
        Logger logger = context.getLogger("access-test");
        logger.addAppender(appender);
        return logger;
    }
}
