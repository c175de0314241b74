package io.gatehouse.core.secret;

/**
 * A store that keeps secrets sealed with the {@link SecretSealer}. When the control plane starts with a
 * secrets key, it asks every such store to seal again what is still plain (stored before secrets were sealed,
 * or while no key was set) or sealed with a previous key: that is how a key is introduced and rotated.
 * Implementations leave a secret they cannot open (sealed with a key this process does not hold) as it is.
 */
public interface SealedSecrets {

    /** Seals with the current key every stored secret that needs it; returns how many records changed. */
    int resealAll();

    /** What the secrets are, for the log ("webhook signing secrets"). */
    String what();
}
