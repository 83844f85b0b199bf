package fr.bacasable.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level encodings that ordinary encoders refuse to produce: lone surrogates, raw invalid bytes. */
final class Encodings {

    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    private Encodings() {
    }

    /** UTF-8, except that a lone surrogate is encoded as its own three bytes (invalid UTF-8, as some clients send). */
    static byte[] looseUtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (c < 0x80) {
                out.write(c);
            } else if (c < 0x800) {
                out.write(0xC0 | c >> 6);
                out.write(0x80 | c & 0x3F);
            } else {
                out.write(0xE0 | c >> 12);
                out.write(0x80 | c >> 6 & 0x3F);
                out.write(0x80 | c & 0x3F);
            }
        }
        return out.toByteArray();
    }

    /** Percent-encodes every byte but the unreserved ones, as a browser encodes a form field. */
    static String percent(byte[] bytes) {
        StringBuilder encoded = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            char c = (char) (b & 0xFF);
            if (UNRESERVED.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    static String percent(String text) {
        return percent(looseUtf8(text));
    }

    /** Replaces the first occurrence of {@code marker} in {@code bytes} by {@code replacement}. */
    static byte[] replace(byte[] bytes, String marker, byte[] replacement) {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            int j = 0;
            while (j < needle.length && bytes[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + replacement.length);
                out.write(bytes, 0, i);
                out.writeBytes(replacement);
                out.write(bytes, i + needle.length, bytes.length - i - needle.length);
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("No " + marker);
    }

    /** A string whose chars are the given bytes, for a request line or a header. */
    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
