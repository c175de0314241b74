package io.gatehouse.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A local address where TCP connections never complete: a listening socket that never accepts, whose
 * accept queue is filled first, so that the kernel drops further handshakes and a client's connect
 * waits until its own timeout (as toward a host that is down or firewalled).
 */
public final class BlackHole implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> queued = new ArrayList<>();

    public BlackHole() {
        try {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 64; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(listener.getLocalSocketAddress(), 200);
                    queued.add(socket);
                } catch (SocketTimeoutException full) {
                    socket.close();
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
        throw new IllegalStateException("could not fill the accept queue of a local socket; connects still complete");
    }

    public String url() {
        InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        for (Socket socket : queued) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test socket
            }
        }
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
