package io.gatehouse.gateway.event.stream;

import io.gatehouse.core.snapshot.GatewaySnapshot.ServedApi;
import io.gatehouse.core.snapshot.GatewaySnapshot.ServedChannel;
import io.gatehouse.gateway.event.source.EventSourceConnector;
import io.gatehouse.gateway.event.source.Feed;
import io.gatehouse.gateway.event.source.FeedSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of one stream on this node, fed by one {@link Feed} of its source: each event is
 * offered to every subscriber, which only queues it, so a slow one never holds the others up. It
 * remembers the position of everything it offered: a subscriber that joins live starts there. When
 * its feed fails (the source is lost), every subscriber's stream ends, to be resumed by reconnecting.
 */
final class ChannelFanOut implements FeedSink {

    private static final Logger log = LoggerFactory.getLogger(ChannelFanOut.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final StreamKey key;
    private final ServedApi api;
    private final ServedChannel channel;
    private final EventSourceConnector connector;
    private final Consumer<ChannelFanOut> onClosed;
    private final List<StreamSubscriber> subscribers = new ArrayList<>();
    private final StreamPosition position = new StreamPosition();
    private State state = State.NEW;
    private Feed feed;

    ChannelFanOut(StreamKey key, ServedApi api, ServedChannel channel, EventSourceConnector connector,
                  Consumer<ChannelFanOut> onClosed) {
        this.key = key;
        this.api = api;
        this.channel = channel;
        this.connector = connector;
        this.onClosed = onClosed;
    }

    StreamKey key() {
        return key;
    }

    EventSourceConnector connector() {
        return connector;
    }

    ServedApi api() {
        return api;
    }

    ServedChannel channel() {
        return channel;
    }

    /** Whether {@code current} still reads this stream from the same source, under the same name. */
    boolean servedAlikeBy(ServedApi current, ServedChannel currentChannel) {
        return current != null && currentChannel != null && Objects.equals(current.source(), api.source())
                && Objects.equals(currentChannel.nameAtSource(), channel.nameAtSource())
                && Objects.equals(currentChannel.name(), channel.name());
    }

    /** Starts the feed if it is not running yet; blocking. False when the fan-out is closed already. */
    synchronized boolean open(Map<String, String> parameters) {
        if (state == State.NEW) {
            try {
                feed = connector.follow(api, channel, key.path(), parameters, this);
                position.merge(feed.start());
                state = State.RUNNING;
            } catch (RuntimeException e) {
                state = State.CLOSED;
                onClosed.accept(this);
                throw e;
            }
        }
        return state == State.RUNNING;
    }

    /** Adds a subscriber: live from now, or catching up after {@code resumeFrom} when it is given. False when closed. */
    synchronized boolean join(StreamSubscriber subscriber, StreamPosition resumeFrom) {
        if (state != State.RUNNING) {
            return false;
        }
        subscriber.start(resumeFrom == null ? position.copy() : resumeFrom, resumeFrom != null);
        subscribers.add(subscriber);
        return true;
    }

    /** Removes a subscriber; the last one stops the feed. */
    void leave(StreamSubscriber subscriber) {
        Feed stopped = null;
        synchronized (this) {
            subscribers.remove(subscriber);
            if (subscribers.isEmpty() && state == State.RUNNING) {
                state = State.CLOSED;
                stopped = feed;
            }
        }
        if (stopped != null) {
            onClosed.accept(this);
            stopped.close();
        }
    }

    @Override
    public synchronized void accept(StreamEvent event) {
        if (position.covers(event)) {
            return;
        }
        position.advance(event);
        for (StreamSubscriber subscriber : subscribers) {
            subscriber.offer(event);
        }
    }

    @Override
    public void failed(Throwable cause) {
        log.warn("The source of {} was lost; its {} stream(s) on this node end: {}", key, subscriberCount(), cause.getMessage());
        end();
    }

    /** Ends every subscriber's stream (they may come back) and stops the feed. */
    void end() {
        List<StreamSubscriber> ended;
        Feed stopped;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            ended = List.copyOf(subscribers);
            subscribers.clear();
            stopped = feed;
        }
        onClosed.accept(this);
        ended.forEach(StreamSubscriber::sourceLost);
        if (stopped != null) {
            stopped.close();
        }
    }

    synchronized List<StreamSubscriber> subscribers() {
        return List.copyOf(subscribers);
    }

    synchronized int subscriberCount() {
        return subscribers.size();
    }
}
