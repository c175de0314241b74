package io.gatehouse.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests that need a service of the machine (Redis, RabbitMQ, Mosquitto): when it does not answer, the
 * test class fails with a clear message if the environment sets {@code GATEHOUSE_REQUIRE_SERVICES=true}
 * (CI), and is skipped with a visible message otherwise.
 */
public final class MachineServices {

    private MachineServices() {
    }

    public static void require(String service, String host, int port, boolean reachable, ExtensionContext context) {
        if (reachable) {
            return;
        }
        String message = service + " is not reachable at " + host + ":" + port + "; " + context.getDisplayName() + " needs it";
        if ("true".equalsIgnoreCase(System.getenv("GATEHOUSE_REQUIRE_SERVICES"))) {
            Assertions.fail(message + " (GATEHOUSE_REQUIRE_SERVICES=true)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message + " (skipped; set GATEHOUSE_REQUIRE_SERVICES=true to fail instead)");
    }

    /** Whether something accepts TCP connections at {@code host:port}. */
    public static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
