package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user does first: {@code ./gatehouse start-dev} on the built tree. The platform comes up
 * on an embedded PostgreSQL, prints a generated admin password once, answers on every port, stops on
 * SIGTERM leaving no process behind, and keeps its data for the next start.
 */
class StartDevIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void startsStopsAndKeepsItsData() throws Exception {
        int console = freePort(), gateway = freePort(), management = freePort();
        Map<String, String> env = Map.of(
                "GATEHOUSE_DATA_DIR", data.toString(),
                "GATEHOUSE_CONSOLE_PORT", String.valueOf(console),
                "GATEHOUSE_GATEWAY_PORT", String.valueOf(gateway),
                "GATEHOUSE_MANAGEMENT_PORT", String.valueOf(management),
                "GATEHOUSE_SKIP_BUILD", "true");

        Launched first = launch(env, management);
        assertThat(first.readyAfter()).isLessThan(Duration.ofSeconds(60));
        String password = first.awaitLine(Pattern.compile("password:\\s*(\\S+)"), Duration.ofSeconds(5));
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console + "/api/v1/organizations"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Persisted\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(get("http://127.0.0.1:" + gateway + "/nobody/v1").statusCode()).isEqualTo(404);
        assertThat(get("http://127.0.0.1:" + console + "/console").statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + management + "/actuator/prometheus").statusCode()).isEqualTo(200);

        first.stop();
        assertThat(processesUsing(data)).as("processes left behind").isEmpty();

        Launched second = launch(env, management);
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console + "/api/v1/organizations"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains("Persisted");
        assertThat(second.output()).noneMatch(line -> line.contains("password:"));
        second.stop();
        assertThat(processesUsing(data)).isEmpty();
    }

    private Launched launch(Map<String, String> env, int management) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("gatehouse").toString(), "start-dev")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().remove("GATEHOUSE_ADMIN_PASSWORD");
        Instant started = Instant.now();
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        Instant deadline = started.plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("start-dev exited with " + process.exitValue() + ":\n" + String.join("\n", output));
            }
            try {
                if (get("http://127.0.0.1:" + management + "/actuator/health").statusCode() == 200) {
                    return new Launched(process, output, Duration.between(started, Instant.now()));
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new AssertionError("start-dev not healthy within 90 s:\n" + String.join("\n", output));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<ProcessHandle> processesUsing(Path directory) {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine()
                .filter(line -> line.contains(directory.toString()))
                .ifPresent(line -> found.add(p)));
        return found;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Launched(Process process, List<String> output, Duration readyAfter) {

        String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (String line : output) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no line matching " + pattern + " in:\n" + String.join("\n", output));
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("start-dev did not stop within 30 s of SIGTERM");
            }
        }
    }
}
