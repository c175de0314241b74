package io.gatehouse.core.api.event;

/**
 * What consumers may do on a channel, seen from the consumer (the gateway's client), not from the
 * application an AsyncAPI document describes.
 */
public enum ChannelDirection {
    /** Consumers receive the channel's events (SSE, WebSocket, webhooks). */
    SUBSCRIBE,
    /** Consumers send events to the channel ({@code POST}, WebSocket). */
    PUBLISH
}
