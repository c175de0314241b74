package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gatehouse.core.plan.Approval;
import io.gatehouse.core.plan.PlanAuth;
import io.gatehouse.gateway.GatewayIntegrationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code https} upstreams, each a real TLS server with a certificate made by the JDK's keytool: the gateway
 * trusts the certificates in {@code gatehouse.gateway.proxy.upstream-trusted-certificates}, and checks the
 * upstream's host name against the certificate.
 */
class UpstreamTlsTests extends GatewayIntegrationSupport {

    private static final Path certificates = temporaryDirectory();
    private static final TlsUpstream trusted = new TlsUpstream("trusted", "ip:127.0.0.1");
    private static final TlsUpstream untrusted = new TlsUpstream("untrusted", "ip:127.0.0.1");
    private static final TlsUpstream otherHost = new TlsUpstream("other-host", "dns:elsewhere.example");

    @DynamicPropertySource
    static void trustedCertificates(DynamicPropertyRegistry registry) throws IOException {
        Path pem = certificates.resolve("trusted.pem");
        Files.writeString(pem, trusted.certificatePem() + otherHost.certificatePem());
        registry.add("gatehouse.gateway.proxy.upstream-trusted-certificates", pem::toString);
    }

    @AfterAll
    static void stopUpstreams() {
        for (TlsUpstream upstream : List.of(trusted, untrusted, otherHost)) {
            upstream.server.stop(0);
        }
    }

    @Test
    void callsAnHttpsUpstreamWhoseCertificateItTrustsAndKeepsTheConnection() {
        Published api = publish(trusted.url(), null, PlanAuth.API_KEY, Approval.AUTO);
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = get(api.context() + "/pets", caller.apiKey());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("over tls: /pets");
        }
        assertThat(trusted.clientPorts).as("connections the gateway made for three calls in a row").hasSize(1);
    }

    @Test
    void refusesAnUpstreamWhoseCertificateItDoesNotTrustWithA502() {
        assertBadGatewayWithoutAnyCallReaching(untrusted);
    }

    @Test
    void refusesAnUpstreamWhoseCertificateNamesAnotherHostWithA502() {
        assertBadGatewayWithoutAnyCallReaching(otherHost);
    }

    private void assertBadGatewayWithoutAnyCallReaching(TlsUpstream upstream) {
        Published api = publish(upstream.url(), null, PlanAuth.API_KEY, Approval.AUTO);
        Caller caller = subscribe(api);
        awaitServingCurrentRegistry();

        HttpResponse<String> response = get(api.context() + "/pets", caller.apiKey());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("https://gatehouse.dev/problems/bad-gateway").doesNotContain("Exception");
        assertThat(upstream.calls.get()).isZero();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("gatehouse-upstream-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS server on 127.0.0.1 with a self-signed certificate for {@code subjectAlternativeName}. */
    private static final class TlsUpstream {
        final HttpsServer server;
        final AtomicInteger calls = new AtomicInteger();
        final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        private final Path keystore;
        private final String name;

        TlsUpstream(String name, String subjectAlternativeName) {
            this.name = name;
            this.keystore = certificates.resolve(name + ".p12");
            keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=" + name, "-ext", "san=" + subjectAlternativeName,
                    "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
            try {
                KeyStore store = KeyStore.getInstance(keystore.toFile(), "changeit".toCharArray());
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, "changeit".toCharArray());
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(keys.getKeyManagers(), null, null);
                server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
                server.setHttpsConfigurator(new HttpsConfigurator(tls));
                server.createContext("/", exchange -> {
                    calls.incrementAndGet();
                    clientPorts.add(exchange.getRemoteAddress().getPort());
                    byte[] body = ("over tls: " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the TLS upstream " + name, e);
            }
        }

        String url() {
            return "https://127.0.0.1:" + server.getAddress().getPort();
        }

        String certificatePem() {
            return keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", "changeit");
        }

        private static String keytool(String... arguments) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(arguments));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output;
                try (InputStream in = process.getInputStream()) {
                    output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (process.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
