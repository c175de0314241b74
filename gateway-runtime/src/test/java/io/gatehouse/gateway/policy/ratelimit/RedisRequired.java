package io.gatehouse.gateway.policy.ratelimit;

import io.gatehouse.gateway.MachineServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that need the machine's Redis at {@value #HOST}:{@value #PORT}: {@code @ExtendWith(RedisRequired.class)}.
 * When Redis does not answer, the test class fails with a clear message if the environment sets
 * {@code GATEHOUSE_REQUIRE_SERVICES=true} (CI), and is skipped with a visible message otherwise.
 */
public final class RedisRequired implements BeforeAllCallback {

    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;
    public static final String URI = "redis://" + HOST + ":" + PORT;

    @Override
    public void beforeAll(ExtensionContext context) {
        MachineServices.require("Redis", HOST, PORT, reachable(), context);
    }

    public static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1_000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] answer = new byte[5];
            socket.setSoTimeout(1_000);
            return socket.getInputStream().read(answer) > 0 && new String(answer).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
