package io.gatehouse.core.secret;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gatehouse.secrets.*}: the key that seals secrets the platform must read back (broker passwords).
 *
 * @param key             the current key: 32 random bytes, base64 ({@code openssl rand -base64 32}); wins over
 *                        {@code keyFile}
 * @param keyFile         a file holding the current key in the same form, when {@code key} is not given
 * @param generateKeyFile create {@code keyFile} with a new key when it does not exist ({@code start-dev} only)
 * @param previousKeys    keys replaced by the current one: what they sealed can still be read, and is sealed
 *                        again with the current key when the control plane starts
 */
@ConfigurationProperties("gatehouse.secrets")
public record SecretsProperties(String key, Path keyFile, @DefaultValue("false") boolean generateKeyFile,
                                @DefaultValue List<String> previousKeys) {

    public SecretsProperties {
        previousKeys = previousKeys == null ? List.of() : List.copyOf(previousKeys);
    }
}
