package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;

/**
 * What an {@link UpstreamConnection} reports of the call it carries, always on the connection's event loop.
 * After {@link #content} with {@code last} or after {@link #failed}, nothing more is reported.
 */
interface UpstreamCall {

    /** The upstream's final status line and headers (informational answers are not reported). */
    void head(HttpResponse head);

    /** A part of the answer's body; the call owns {@code content} and must release it. */
    void content(ByteBuf content, boolean last);

    /** The connection failed before the answer was read whole: closed, timed out, or broken. */
    void failed(Throwable error);

    /** The connection's outbound buffer went over (false) or back under (true) its high-water mark. */
    void writable(boolean writable);
}
