package io.gatehouse.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTests {

    private static final String KEY = "qNYQObkG3wJqvqYmoBOLHMKNUdELEhXy7VUf3LSsq3U=";
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static SecretSealer sealer(String key, String... previous) {
        return new SecretSealer(new SecretsProperties(key, null, false, List.of(previous)));
    }

    @Test
    void sealsIntoCharactersAUriPasswordMayHoldAndOpensBack() {
        SecretSealer sealer = sealer(KEY);

        String sealed = sealer.seal("s3cr%40t");

        assertThat(sealed).startsWith("ghs1.").matches("[A-Za-z0-9._-]+").doesNotContain("s3cr");
        assertThat(sealer.seal("s3cr%40t")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(sealer.open(sealed)).isEqualTo("s3cr%40t");
        assertThat(sealer.sealedWithCurrentKey(sealed)).isTrue();
    }

    @Test
    void aPlainValueOpensAsItselfAndIsNotSealedWithTheCurrentKey() {
        assertThat(sealer(KEY).open("plain")).isEqualTo("plain");
        assertThat(sealer(KEY).sealedWithCurrentKey("plain")).isFalse();
    }

    @Test
    void whatAPreviousKeySealedStillOpensAndIsDueForResealing() {
        String sealedBefore = sealer(OTHER_KEY).seal("old");
        SecretSealer rotated = sealer(KEY, OTHER_KEY);

        assertThat(rotated.open(sealedBefore)).isEqualTo("old");
        assertThat(rotated.sealedWithCurrentKey(sealedBefore)).isFalse();
    }

    @Test
    void aSecretSealedWithAKeyNotHeldOrAlteredDoesNotOpen() {
        String sealed = sealer(OTHER_KEY).seal("secret");
        assertThatThrownBy(() -> sealer(KEY).open(sealed)).isInstanceOf(SecretUnreadableException.class)
                .hasMessageContaining("does not hold");
        assertThat(sealer(KEY).openOrKeep(sealed)).isEqualTo(sealed);

        String mine = sealer(KEY).seal("secret");
        String altered = mine.substring(0, mine.length() - 2) + (mine.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> sealer(KEY).open(altered)).isInstanceOf(SecretUnreadableException.class);
        assertThatThrownBy(() -> sealer(KEY).open(mine.substring(0, 20))).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void withoutAKeyNothingIsSealed() {
        SecretSealer unkeyed = sealer(null);

        assertThat(unkeyed.canSeal()).isFalse();
        assertThatThrownBy(() -> unkeyed.seal("x")).isInstanceOf(IllegalStateException.class);
        assertThat(unkeyed.open("plain")).isEqualTo("plain");
    }

    @Test
    void aKeyThatIsNot32BytesInBase64IsRefusedAtStart() {
        assertThatThrownBy(() -> sealer("c2hvcnQ=")).hasMessageContaining("32 bytes").hasMessageContaining("not 5 bytes");
        assertThatThrownBy(() -> sealer("not base64!")).hasMessageContaining("gatehouse.secrets.key");
        assertThatThrownBy(() -> sealer(KEY, "c2hvcnQ=")).hasMessageContaining("gatehouse.secrets.previous-keys");
    }

    @Test
    void aKeyFileIsGeneratedOnceReadableByItsOwnerOnlyAndReused(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data/secrets.key");
        SecretsProperties properties = new SecretsProperties(null, file, true, List.of());

        String sealed = new SecretSealer(properties).seal("kept");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SecretSealer(properties).open(sealed)).isEqualTo("kept");
        assertThatThrownBy(() -> new SecretSealer(new SecretsProperties(null, directory.resolve("absent.key"), false, List.of())))
                .as("a key file that is not there and not to be made").hasMessageContaining("absent.key");
    }
}
