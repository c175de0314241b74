package io.gatehouse.gateway.proxy;

/** The upstream closed the connection before its answer was read whole; {@code answering} says whether it had begun. */
final class UpstreamClosedException extends RuntimeException {

    private final boolean answering;

    UpstreamClosedException(boolean answering) {
        super(answering ? "the upstream closed the connection in the middle of its answer"
                : "the upstream closed the connection without answering", null, false, false);
        this.answering = answering;
    }

    boolean answering() {
        return answering;
    }
}
