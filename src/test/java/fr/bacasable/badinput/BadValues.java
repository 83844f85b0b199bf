package fr.bacasable.badinput;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Values that no field may accept, whatever else the request holds. */
final class BadValues {

    /** Characters that print as nothing: spaces of every kind, zero-width and other format characters, fillers. */
    static final List<Character> INVISIBLE = List.of(' ', '\t', '\n', '\r', '\u00a0', '\u2007', '\u202f', '\u2000',
            '\u200a', '\u3000', '\u2028', '\u2029', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad',
            '\u034f', '\u061c', '\u115f', '\u1160', '\u17b4', '\u180e', '\u200e', '\u200f', '\u202a', '\u202e',
            '\u2066', '\u2069', '\u2800', '\u3164', '\uffa0', '\ufe0f');

    /** Byte sequences that are not UTF-8: a lone continuation, overlong forms, an encoded surrogate, a cut sequence. */
    static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

    private static final String VALID_EMAIL_LOCAL = "alice.martin";
    private static final String VALID_EMAIL_DOMAIN = "example.org";

    private BadValues() {
    }

    static Arbitrary<String> invisible() {
        return Arbitraries.of(INVISIBLE).list().ofMinSize(1).ofMaxSize(12)
                .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
    }

    /** Controls (but tab and line breaks), lone surrogates, the replacement character and non-characters. */
    static Arbitrary<Character> forbiddenCharacter() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u0008'),
                Arbitraries.of('\u000b', '\u000c', '\u007f', '\ufffd', '\ufffe', '\uffff'),
                Arbitraries.chars().range('\u000e', '\u001f'),
                Arbitraries.chars().range('\u0080', '\u009f'),
                Arbitraries.chars().range('\ud800', '\udbff'),
                Arbitraries.chars().range('\udc00', '\udfff'));
    }

    /** {@code valid} with one forbidden character put somewhere in it. */
    static Arbitrary<String> withForbiddenCharacter(String valid) {
        return Combinators.combine(forbiddenCharacter(), Arbitraries.integers().between(0, valid.length()))
                .as((c, at) -> valid.substring(0, at) + c + valid.substring(at));
    }

    /** Text one to a few thousand characters over {@code max}, after stripping. */
    static Arbitrary<String> tooLong(int max) {
        return Combinators.combine(Arbitraries.integers().between(max + 1, max + 3000),
                Arbitraries.of("a", "é", "Lorem ipsum ", "\u4e2d", "\ud83d\ude00"))
                .as((length, unit) -> unit.repeat(length / unit.length() + 1).substring(0, length).strip() + "x");
    }

    /** Not one of the {@code choices}: a near miss (case, spaces, invisible characters) or another word. */
    static Arbitrary<String> notAChoice(Set<String> choices) {
        Arbitrary<String> choice = Arbitraries.of(choices);
        return Arbitraries.oneOf(
                choice.map(String::toLowerCase),
                choice.map(value -> " " + value),
                choice.map(value -> value + "\u00a0"),
                choice.map(value -> value + "\u200b"),
                choice.map(value -> value + ","),
                choice.map(value -> value.replace('_', '-')),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("null", "undefined", "true", "0", "[]", "{}", "*", "%", "NONE;DROP TABLE application"))
                .filter(value -> !choices.contains(value));
    }

    /** SIRET numbers that are not valid: a wrong key, a wrong length, letters, separators. */
    static Arbitrary<String> badSiret(String valid) {
        String body = valid.substring(0, 13);
        int key = valid.charAt(13) - '0';
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 9).map(shift -> body + (key + shift) % 10),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30).filter(digits -> digits.length() != 14),
                Arbitraries.of(valid.replace('1', 'I'), valid + "0", valid.substring(1), "216-901-231-00011",
                        "2169012310001\u0661", "٢١٦٩٠١٢٣١٠٠٠١١", "+21690123100011", "21690123100011.0"));
    }

    /** Addresses that the mailer would refuse or that are not one plain address. */
    static Arbitrary<String> badEmail() {
        String local = VALID_EMAIL_LOCAL;
        String domain = VALID_EMAIL_DOMAIN;
        Arbitrary<Character> special = Arbitraries.of(' ', ',', ';', ':', '<', '>', '(', ')', '[', ']', '\\', '"', '@',
                '\u00e9', '\u00fc', '\u00df', '\u4e2d', '\u00a0', '\u200b', '\u0000', '\n');
        Arbitrary<Integer> position = Arbitraries.integers().between(1, local.length() - 1);
        return Arbitraries.oneOf(
                Combinators.combine(special, position).as((c, at) -> local.substring(0, at) + c + local.substring(at)
                        + "@" + domain),
                Combinators.combine(special, Arbitraries.integers().between(1, domain.length() - 1))
                        .as((c, at) -> local + "@" + domain.substring(0, at) + c + domain.substring(at)),
                Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(300).map(longLocal -> longLocal + "@" + domain),
                Arbitraries.strings().alpha().ofMinLength(64).ofMaxLength(100).map(label -> local + "@" + label + ".fr"),
                Arbitraries.integers().between(4, 6).map(labels -> local + "@" + ("a".repeat(62) + ".").repeat(labels)
                        + "fr"),
                Arbitraries.of(local + domain, local + "@@" + domain, "@" + domain, local + "@", "." + local + "@"
                        + domain, local + ".@" + domain, "alice..martin@" + domain, local + "@localhost",
                        local + "@-example.org", local + "@example-.org", local + "@exa_mple.org", local + "@example.123",
                        local + "@[127.0.0.1]", local + "@example.org.", local + "@.example.org", local + "@example..org",
                        "\"alice martin\"@" + domain, "Alice <" + local + "@" + domain + ">", local + "@" + domain
                        + ", bob@" + domain, local + "@" + domain + " (Alice)", "alice\u00e9@mairie.fr",
                        local + "@mairie-\u00e9vry.fr", local + "@xn--.fr", "=?utf-8?q?a?=@" + domain));
    }

    /** Phone numbers without enough digits, with letters or other signs, or too long. */
    static Arbitrary<String> badPhone() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(" .()-+").ofMinLength(1).ofMaxLength(25),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(7)
                        .map(digits -> String.join(" ", digits.split(""))),
                Arbitraries.strings().numeric().ofMinLength(21).ofMaxLength(40),
                Arbitraries.of("04 72 AB CD EF", "+33 (0)4 72 10 30 30 poste 12", "04/72/10/30/30", "0472103030#",
                        "04 72 10 30 30\u00a0", "\u0660\u0664\u0667\u0662\u0661\u0660\u0663\u0660\u0663\u0660"));
    }
}
