package io.gatehouse.core.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * How the gateway connects to a Kafka cluster, in a {@link KafkaSource}'s {@code security}:
 * {@code protocol} is Kafka's {@code security.protocol}; with {@code SASL_PLAINTEXT} or {@code SASL_SSL},
 * {@code mechanism} ({@code PLAIN}, {@code SCRAM-SHA-256}, {@code SCRAM-SHA-512}), {@code username} and
 * {@code password} sign the gateway in; with {@code SSL} or {@code SASL_SSL}, the brokers' certificates
 * must chain to {@code trustedCertificates} (PEM) when given, else to the JVM's trusted ones, and name the
 * broker's host. The password is the source's secret: hidden in answers, sealed where it is stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KafkaSecurity(String protocol, String mechanism, String username, String password, String trustedCertificates) {

    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    static final List<String> MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    public boolean sasl() {
        return sasl(protocol);
    }

    public boolean tls() {
        return tls(protocol);
    }

    /** Whether {@code protocol} (one of {@link #PROTOCOLS}) signs in with SASL. */
    static boolean sasl(String protocol) {
        return protocol.startsWith("SASL_");
    }

    /** Whether {@code protocol} (one of {@link #PROTOCOLS}) speaks TLS. */
    static boolean tls(String protocol) {
        return protocol.endsWith("SSL");
    }

    /** Without the password, which could otherwise reach a log. */
    @Override
    public String toString() {
        return "KafkaSecurity[protocol=" + protocol + ", mechanism=" + mechanism + ", username=" + username
                + ", password=" + (password == null ? null : EventSource.REDACTED) + ", trustedCertificates="
                + (trustedCertificates == null ? null : "(PEM)") + "]";
    }

    KafkaSecurity withPassword(String newPassword) {
        return new KafkaSecurity(protocol, mechanism, username, newPassword, trustedCertificates);
    }

    /** Whether both sign in as the same user the same way (the password aside). */
    boolean sameAccountAs(KafkaSecurity other) {
        return other != null && protocol.equals(other.protocol) && Objects.equals(mechanism, other.mechanism)
                && Objects.equals(username, other.username);
    }
}
