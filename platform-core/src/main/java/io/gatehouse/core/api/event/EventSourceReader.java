package io.gatehouse.core.api.event;

import io.gatehouse.core.error.FieldProblem;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code source} of an EVENT API from its JSON shape ({@code {"kind": "KAFKA", …}}),
 * checking the kind's settings: every problem is reported with its pointer, unknown settings too.
 */
final class EventSourceReader {

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\[\\]:-]+:[0-9]{1,5}");
    private static final Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._{}-]{1,249}");
    private static final Duration MAX_RETENTION = Duration.ofDays(365);
    private static final Map<EventSourceKind, List<String>> SETTINGS = Map.of(
            EventSourceKind.BUILTIN, List.of("retention"),
            EventSourceKind.KAFKA, List.of("bootstrapServers", "topics", "security"),
            EventSourceKind.RABBITMQ, List.of("uri", "exchange", "routingKeys"),
            EventSourceKind.MQTT, List.of("serverUri", "qos", "topics"));

    private final String pointer;
    private final List<FieldProblem> problems;

    private EventSourceReader(String pointer, List<FieldProblem> problems) {
        this.pointer = pointer;
        this.problems = problems;
    }

    /** The source {@code raw} describes, or null (with the reasons added to {@code problems}). */
    static EventSource read(Object raw, String pointer, List<FieldProblem> problems) {
        return new EventSourceReader(pointer, problems).read(raw);
    }

    private EventSource read(Object raw) {
        if (!(raw instanceof Map<?, ?> settings)) {
            return problem("", "must be an object such as {\"kind\": \"BUILTIN\"}");
        }
        Object kindValue = settings.get("kind");
        EventSourceKind kind = kind(kindValue);
        if (kind == null) {
            return problem("/kind", kindValue == null ? "is required: one of " + kinds() : "must be one of " + kinds());
        }
        int before = problems.size();
        for (Object key : settings.keySet()) {
            if (!"kind".equals(key) && !SETTINGS.get(kind).contains(String.valueOf(key))) {
                problem("/" + escape(String.valueOf(key)), "is not a setting of a " + kind + " source (its settings: "
                        + String.join(", ", SETTINGS.get(kind)) + ")");
            }
        }
        EventSource source = switch (kind) {
            case BUILTIN -> new BuiltinSource(retention(settings.get("retention")));
            case KAFKA -> new KafkaSource(bootstrapServers(settings.get("bootstrapServers")),
                    names(settings.get("topics"), "topics", KAFKA_TOPIC, "must be a Kafka topic: up to 249 letters, digits, '.', '_', '-' (and {parameters})"),
                    kafkaSecurity(settings.get("security")));
            case RABBITMQ -> new RabbitMqSource(uri(settings.get("uri"), "uri", Set.of("amqp", "amqps")),
                    exchange(settings.get("exchange")), names(settings.get("routingKeys"), "routingKeys", null, null));
            case MQTT -> new MqttSource(uri(settings.get("serverUri"), "serverUri", Set.of("tcp", "ssl", "ws", "wss")),
                    qos(settings.get("qos")), names(settings.get("topics"), "topics", null, null));
        };
        return problems.size() == before ? source : null;
    }

    private String retention(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                Duration retention = Duration.parse(text.strip());
                if (retention.isNegative() || retention.isZero() || retention.compareTo(MAX_RETENTION) > 0) {
                    problem("/retention", "must be a positive duration of at most P365D");
                }
                return text;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problem("/retention", "must be an ISO-8601 duration such as P7D or PT12H");
        return null;
    }

    private String bootstrapServers(Object value) {
        String servers = required(value, "/bootstrapServers", "host:port pairs, comma-separated");
        if (servers != null && !Arrays.stream(servers.split(",")).map(String::strip).allMatch(server -> HOST_PORT.matcher(server).matches())) {
            problem("/bootstrapServers", "must be host:port pairs, comma-separated, such as kafka-1:9092,kafka-2:9092");
        }
        return servers;
    }

    /** {@code security} of a Kafka source: the protocol, and what SASL and TLS need of it, nothing more. */
    private KafkaSecurity kafkaSecurity(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> settings)) {
            problem("/security", "must be an object such as {\"protocol\": \"SASL_SSL\", \"mechanism\": \"SCRAM-SHA-512\", "
                    + "\"username\": …, \"password\": …}");
            return null;
        }
        String protocol = oneOf(settings.get("protocol"), "/security/protocol", KafkaSecurity.PROTOCOLS);
        boolean sasl = protocol != null && KafkaSecurity.sasl(protocol);
        boolean tls = protocol != null && KafkaSecurity.tls(protocol);
        List<String> allowed = new ArrayList<>(List.of("protocol"));
        if (sasl) {
            allowed.addAll(List.of("mechanism", "username", "password"));
        }
        if (tls) {
            allowed.add("trustedCertificates");
        }
        for (Object key : settings.keySet()) {
            if (protocol != null && !allowed.contains(String.valueOf(key))) {
                problem("/security/" + escape(String.valueOf(key)), "is not a setting of protocol " + protocol
                        + " (its settings: " + String.join(", ", allowed) + ")");
            }
        }
        String mechanism = sasl ? oneOf(settings.get("mechanism"), "/security/mechanism", KafkaSecurity.MECHANISMS) : null;
        String username = sasl ? required(settings.get("username"), "/security/username", "the user to sign in as") : null;
        String password = sasl ? secret(settings.get("password"), "/security/password") : null;
        String certificates = tls ? certificates(settings.get("trustedCertificates")) : null;
        return protocol == null ? null : new KafkaSecurity(protocol, mechanism, username, password, certificates);
    }

    /** A password as given: not stripped, since spaces may be part of it. */
    private String secret(Object value, String at) {
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        problem(at, value == null ? "is required: the user's password" : "must be a non-empty string: the user's password");
        return null;
    }

    private String oneOf(Object value, String at, List<String> choices) {
        if (value instanceof String text && choices.contains(text.strip().toUpperCase(Locale.ROOT))) {
            return text.strip().toUpperCase(Locale.ROOT);
        }
        problem(at, (value == null ? "is required: one of " : "must be one of ") + String.join(", ", choices));
        return null;
    }

    /** PEM certificates, checked by parsing them, so that a pasted one that is cut short is said so now. */
    private String certificates(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String pem && pem.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                var parsed = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
                if (!parsed.isEmpty()) {
                    return pem.strip();
                }
            } catch (CertificateException e) {
                // reported below
            }
        }
        problem("/security/trustedCertificates", "must be one or more X.509 certificates in PEM (-----BEGIN CERTIFICATE-----)");
        return null;
    }

    private String uri(Object value, String setting, Set<String> schemes) {
        String text = required(value, "/" + setting, "a URI");
        if (text == null) {
            return null;
        }
        String expected = "must be a URI with a host and scheme " + String.join(", ", schemes.stream().sorted().map(s -> s + "://").toList());
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                problem("/" + setting, expected);
            }
        } catch (Exception e) {
            problem("/" + setting, expected);
        }
        return text;
    }

    private String exchange(Object value) {
        String exchange = required(value, "/exchange", "the name of an exchange");
        if (exchange != null && exchange.length() > 255) {
            problem("/exchange", "may have at most 255 characters");
        }
        return exchange;
    }

    private Integer qos(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).strip();
        boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof String;
        if (integral && (text.equals("0") || text.equals("1") || text.equals("2"))) {
            return Integer.valueOf(text);
        }
        problem("/qos", "must be 0, 1 or 2");
        return null;
    }

    private Map<String, String> names(Object value, String setting, Pattern pattern, String patternMessage) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem("/" + setting, "must be an object: channel name → name at the source");
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        map.forEach((channel, name) -> {
            String at = "/" + setting + "/" + escape(String.valueOf(channel));
            if (!(name instanceof String text) || text.isBlank() || text.length() > 1000) {
                problem(at, "must be a non-empty string of at most 1000 characters");
            } else if (pattern != null && !pattern.matcher(text).matches()) {
                problem(at, patternMessage);
            } else if (text.chars().anyMatch(c -> c < 0x20 || c == '+' || c == '#' || c == '*')) {
                problem(at, "must not contain control characters or the wildcards '+', '#', '*'");
            } else {
                names.put(String.valueOf(channel), text);
            }
        });
        return names;
    }

    private String required(Object value, String at, String what) {
        if (value instanceof String text && !text.isBlank()) {
            return text.strip();
        }
        problem(at, value == null ? "is required: " + what : "must be a non-empty string: " + what);
        return null;
    }

    private EventSource problem(String at, String detail) {
        problems.add(new FieldProblem(pointer + at, detail));
        return null;
    }

    private static EventSourceKind kind(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return EventSourceKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String kinds() {
        return String.join(", ", Arrays.stream(EventSourceKind.values()).map(Enum::name).toList());
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
