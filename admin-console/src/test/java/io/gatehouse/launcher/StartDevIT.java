package io.gatehouse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        int console = freePort(), gateway = freePort(), management = freePort(), database = freePort();
        Map<String, String> env = Map.of(
                "GATEHOUSE_DATA_DIR", data.toString(),
                "GATEHOUSE_DB_EMBEDDED_PORT", String.valueOf(database),
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
        assertThat(get("http://127.0.0.1:" + console + "/console").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/login"));
        assertThat(get("http://127.0.0.1:" + console + "/console/login").statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + console + "/portal").statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + management + "/actuator/prometheus").statusCode()).isEqualTo(200);

        String apiId = post(console, auth, "/apis", """
                {"name":"Probe","version":"v1","context":"/probe/v1","type":"REST","upstream":"http://127.0.0.1:%d/actuator"}
                """.formatted(management));
        post(console, auth, "/apis/" + apiId + "/plans", "{\"name\":\"Open\",\"auth\":\"KEYLESS\"}");
        post(console, auth, "/apis/" + apiId + "/lifecycle", "{\"state\":\"PUBLISHED\"}");
        awaitBody("http://127.0.0.1:" + gateway + "/probe/v1/health", "UP");

        int gatewayOnly = freePort(), gatewayOnlyManagement = freePort(), unusedConsole = freePort();
        Launched gatewayProcess = launch(ROOT.resolve("gatehouse").toString(), "start", Map.of(
                "GATEHOUSE_ROLES", "gateway",
                "GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + database + "/postgres",
                "GATEHOUSE_DB_USER", "postgres",
                "GATEHOUSE_DB_PASSWORD", "unused-with-trust-auth",
                "GATEHOUSE_GATEWAY_PORT", String.valueOf(gatewayOnly),
                "GATEHOUSE_MANAGEMENT_PORT", String.valueOf(gatewayOnlyManagement),
                "GATEHOUSE_CONSOLE_PORT", String.valueOf(unusedConsole),
                "GATEHOUSE_SKIP_BUILD", "true"), gatewayOnlyManagement);
        awaitBody("http://127.0.0.1:" + gatewayOnly + "/probe/v1/health", "UP");
        assertThatThrownBy(() -> get("http://127.0.0.1:" + unusedConsole + "/console")).isInstanceOf(IOException.class);
        assertThat(gatewayProcess.output()).noneMatch(line -> line.contains("password:"));
        gatewayProcess.stop();

        first.stop();
        assertThat(processesUsing(data)).as("processes left behind").isEmpty();

        Launched second = launch(env, management);
        assertThat(second.readyAfter()).isLessThan(Duration.ofSeconds(60));
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console + "/api/v1/organizations"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.body()).contains("Persisted");
        assertThat(second.output()).noneMatch(line -> line.contains("password:"));
        second.stop();
        assertThat(processesUsing(data)).isEmpty();
    }

    @Test
    void productionModeRefusesToStartWithoutADatabase() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("gatehouse").toString(), "start")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_DB_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.strip()).hasLineCount(1).contains("GATEHOUSE_DB_URL");
    }

    private String post(int console, String auth, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console + "/api/v1" + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return response.body().replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
    }

    private Launched launch(Map<String, String> env, int management) throws IOException, InterruptedException {
        return launch(ROOT.resolve("gatehouse").toString(), "start-dev", env, management);
    }

    private Launched launch(String script, String command, Map<String, String> env, int management) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script, command)
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
        Instant deadline = started.plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(command + " exited with " + process.exitValue() + ":\n" + String.join("\n", output));
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
        throw new AssertionError(command + " not healthy within 180 s:\n" + String.join("\n", output));
    }

    /** The registry change reaches a gateway within a second. */
    private void awaitBody(String url, String expected) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(1);
        String body = get(url).body();
        while (!body.contains(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            body = get(url).body();
        }
        assertThat(body).contains(expected);
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
