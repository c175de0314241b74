package io.gatehouse.core.usage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Bytes of text lines being built: a growable byte array written to in place, for encoders that run on
 * the event loop for every call or delivered event and must not make a {@code String} of each line.
 * Reused (see {@link #clear}); not thread-safe.
 */
public final class LineBuffer {

    private byte[] bytes;
    private int length;

    public LineBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    public void clear() {
        length = 0;
    }

    /** Appends ASCII text (every char below 0x80). */
    @SuppressWarnings("deprecation") // the low byte of each char: exact for ASCII, and a plain copy of a Latin-1 string
    public LineBuffer ascii(String text) {
        int n = text.length();
        ensure(n);
        text.getBytes(0, n, bytes, length);
        length += n;
        return this;
    }

    public LineBuffer ascii(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends any text in UTF-8. */
    public LineBuffer utf8(String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /** Appends a number in decimal. */
    public LineBuffer decimal(long value) {
        if (value == Long.MIN_VALUE) {
            return ascii(Long.toString(value));
        }
        if (value < 0) {
            ascii('-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits(value, digits);
    }

    /** Appends a non-negative number in decimal with exactly {@code width} digits, zeros in front. */
    public LineBuffer digits(long value, int width) {
        ensure(width);
        for (int i = length + width - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += width;
        return this;
    }

    /** Appends a UUID in its canonical form (the JDK's {@link UUID#toString()} is the fastest way to write one). */
    public LineBuffer uuid(UUID value) {
        return ascii(value.toString());
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
