package io.gatehouse.core.webhook.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of the Standard Webhooks library tests (resources/webhooks/vectors.json) against our signer. */
class StandardWebhooksTests {

    private static final JsonNode VECTORS = load();

    static Stream<JsonNode> validVectors() {
        return stream(VECTORS.get("valid"));
    }

    static Stream<String> invalidHeaders() {
        return stream(VECTORS.get("invalid_signature_headers_for_vector_0").get("values")).map(JsonNode::asText);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void signsEachValidVectorAsTheLibrariesDo(JsonNode vector) {
        StandardWebhooks webhooks = new StandardWebhooks(vector.get("secret").asText());
        String signature = webhooks.sign(vector.get("msg_id").asText(), vector.get("timestamp").asLong(), payload(vector));
        assertThat(signature).isEqualTo(vector.get("expected_signature").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validVectors")
    void verifiesEachValidVectorAtItsTime(JsonNode vector) {
        StandardWebhooks webhooks = new StandardWebhooks(vector.get("secret").asText());
        assertThatCode(() -> webhooks.verify(payload(vector), vector.get("msg_id").asText(), vector.get("timestamp").asText(),
                vector.get("expected_signature").asText(), timeOf(vector))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidHeaders")
    void refusesEachInvalidSignatureHeader(String header) {
        JsonNode vector = VECTORS.get("valid").get(0);
        StandardWebhooks webhooks = new StandardWebhooks(vector.get("secret").asText());
        assertThatThrownBy(() -> webhooks.verify(payload(vector), vector.get("msg_id").asText(),
                vector.get("timestamp").asText(), header, timeOf(vector)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void acceptsAHeaderListingSeveralSignaturesWhenOneMatches() {
        JsonNode vector = VECTORS.get("valid").get(0);
        String header = VECTORS.get("multi_signature_header_for_vector_0").get("value").asText();
        assertThatCode(() -> new StandardWebhooks(vector.get("secret").asText()).verify(payload(vector),
                vector.get("msg_id").asText(), vector.get("timestamp").asText(), header, timeOf(vector)))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTimestampsOutsideTheToleranceEitherWay() {
        JsonNode vector = VECTORS.get("valid").get(0);
        StandardWebhooks webhooks = new StandardWebhooks(vector.get("secret").asText());
        Instant signedAt = timeOf(vector);
        String id = vector.get("msg_id").asText();
        String timestamp = vector.get("timestamp").asText();
        String signature = vector.get("expected_signature").asText();

        assertThatCode(() -> webhooks.verify(payload(vector), id, timestamp, signature, signedAt.plus(Duration.ofMinutes(5))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> webhooks.verify(payload(vector), id, timestamp, signature, signedAt.plusSeconds(301)))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> webhooks.verify(payload(vector), id, timestamp, signature, signedAt.minusSeconds(301)))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> webhooks.verify(payload(vector), id, "yesterday", signature, signedAt))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> webhooks.verify(payload(vector), null, timestamp, signature, signedAt))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void refusesAnAlteredBodyOrIdOrAnotherSecret() {
        JsonNode vector = VECTORS.get("valid").get(0);
        StandardWebhooks webhooks = new StandardWebhooks(vector.get("secret").asText());
        String id = vector.get("msg_id").asText();
        String timestamp = vector.get("timestamp").asText();
        String signature = vector.get("expected_signature").asText();

        assertThatThrownBy(() -> webhooks.verify("{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), id, timestamp,
                signature, timeOf(vector))).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> webhooks.verify(payload(vector), id + "x", timestamp, signature, timeOf(vector)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new StandardWebhooks(WebhookSecrets.generate()).verify(payload(vector), id, timestamp,
                signature, timeOf(vector))).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void acceptsSecretsWithOrWithoutPrefixAndPadding() {
        JsonNode vector = VECTORS.get("valid").get(0);
        String secret = vector.get("secret").asText();
        String expected = vector.get("expected_signature").asText();
        for (String variant : List.of(secret, secret.substring(WebhookSecrets.PREFIX.length()))) {
            assertThat(new StandardWebhooks(variant).sign(vector.get("msg_id").asText(), vector.get("timestamp").asLong(),
                    payload(vector))).isEqualTo(expected);
        }
        String generated = WebhookSecrets.generate();
        String unpadded = generated.replace("=", "");
        assertThat(new StandardWebhooks(unpadded).sign("msg_1", 1L, new byte[0]))
                .isEqualTo(new StandardWebhooks(generated).sign("msg_1", 1L, new byte[0]));
    }

    @Test
    void generatedSecretsAreStandardAndDistinct() {
        String secret = WebhookSecrets.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSecrets.key(secret)).hasSize(32);
        assertThat(WebhookSecrets.generate()).isNotEqualTo(secret);
        assertThatThrownBy(() -> new StandardWebhooks("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverSignsAnIdWithADot() {
        assertThatThrownBy(() -> new StandardWebhooks(WebhookSecrets.generate()).sign("msg.1", 1L, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] payload(JsonNode vector) {
        return vector.get("payload").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static Instant timeOf(JsonNode vector) {
        return Instant.ofEpochSecond(vector.get("timestamp").asLong());
    }

    private static <T> Stream<T> stream(Iterable<T> items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false);
    }

    private static JsonNode load() {
        try (InputStream in = StandardWebhooksTests.class.getResourceAsStream("/webhooks/vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
