package io.gatehouse.core.secret;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A binary column that holds a secret (a private key): stored sealed by the {@link SecretSealer} when it has
 * a key (the ASCII of the sealed text), plain otherwise, and read back either way. On an entity attribute:
 * {@code @Convert(converter = SealedBytes.class)}; Hibernate gets it from Spring, sealer included.
 */
@Converter
public class SealedBytes implements AttributeConverter<byte[], byte[]> {

    private final SecretSealer sealer;

    public SealedBytes(SecretSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public byte[] convertToDatabaseColumn(byte[] value) {
        return value == null || !sealer.canSeal() ? value
                : sealer.seal(Base64.getEncoder().encodeToString(value)).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] convertToEntityAttribute(byte[] stored) {
        String text = stored == null ? null : new String(stored, StandardCharsets.ISO_8859_1);
        return SecretSealer.isSealed(text) ? Base64.getDecoder().decode(sealer.open(text)) : stored;
    }

    /** Whether {@code stored} is sealed with the current key (else plain, or sealed with a previous key). */
    public boolean sealedWithCurrentKey(byte[] stored) {
        return stored != null && sealer.sealedWithCurrentKey(new String(stored, StandardCharsets.ISO_8859_1));
    }
}
