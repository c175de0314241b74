package io.gatehouse.gateway.accesslog;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Puts a logback {@link AsyncAppender} between the access logger and where the application's logs go,
 * so that a call's line is handed to a queue on the event loop and written by logback's worker thread:
 * one async appender per appender of the root logger (console, and the file when
 * {@code logging.file.name} is set), never blocking ({@code neverBlock}: a full queue drops the line),
 * nothing discarded before the queue is full. The access logger then stops passing lines to the root.
 *
 * <p>When the logger already has appenders of its own (a {@code logging.config} file configured it),
 * or logging is not logback, nothing is changed.
 */
final class AsyncAccessAppenders {

    private AsyncAccessAppenders() {
    }

    /** Attaches the async appenders to {@code loggerName}; the returned action detaches and stops them. */
    static Runnable attach(String loggerName, int queueSize) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return () -> { };
        }
        Logger logger = context.getLogger(loggerName);
        if (logger.iteratorForAppenders().hasNext()) {
            return () -> { };
        }
        List<AsyncAppender> attached = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(target -> {
            AsyncAppender async = async(context, target, queueSize);
            logger.addAppender(async);
            attached.add(async);
        });
        if (attached.isEmpty()) {
            return () -> { };
        }
        logger.setAdditive(false);
        return () -> {
            logger.setAdditive(true);
            for (AsyncAppender async : attached) {
                logger.detachAppender(async);
                async.stop();
            }
        };
    }

    private static AsyncAppender async(LoggerContext context, Appender<ILoggingEvent> target, int queueSize) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("gatehouse-access-" + target.getName());
        async.setQueueSize(queueSize);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(target);
        async.start();
        return async;
    }
}
