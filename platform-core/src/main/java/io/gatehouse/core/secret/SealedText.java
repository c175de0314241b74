package io.gatehouse.core.secret;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * A text column that holds a secret: stored sealed by the {@link SecretSealer} when it has a key, plain
 * otherwise, and read back either way (one it cannot open stays sealed, see {@link SecretSealer#openOrKeep}).
 * On an entity attribute: {@code @Convert(converter = SealedText.class)}; Hibernate gets it from Spring.
 */
@Converter
public class SealedText implements AttributeConverter<String, String> {

    private final SecretSealer sealer;

    public SealedText(SecretSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public String convertToDatabaseColumn(String value) {
        return value == null || !sealer.canSeal() ? value : sealer.seal(value);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : sealer.openOrKeep(stored);
    }
}
