package fr.bacasable.shared;

/** Checks on free text typed by people. */
public final class Texts {

    /** What Markdown (CommonMark with GitHub's extensions, as Camunda Forms render it) may act on. */
    private static final String MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~&:";

    private Texts() {
    }

    /**
     * The text with every character Markdown could read as markup escaped by a backslash, so that a
     * form shows it literally: no link, image, HTML, emphasis or table cell comes out of it.
     */
    public static String markdownLiteral(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (MARKDOWN_SPECIALS.indexOf(c) >= 0) {
                literal.append('\\');
            }
            literal.append((char) c);
        });
        return literal.toString();
    }

    /**
     * Whether the text holds a character nobody types on purpose: a control character other than
     * line breaks and tabs (PostgreSQL refuses NUL outright), half of a surrogate pair (no character
     * at all: it cannot be stored as UTF-8), the replacement character U+FFFD (what is left of
     * bytes that were not text) or a non-character such as U+FFFF.
     */
    public static boolean hasForbiddenCharacters(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (isNonCharacter(text.codePointAt(i))) {
                    return true;
                }
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'
                    || c == '\ufffd' || isNonCharacter(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text shows nothing: null, empty, or only spaces of any kind (the non-breaking
     * ones included), zero-width and other format characters, and the fillers that print blank.
     */
    public static boolean isBlank(String text) {
        return text == null || text.codePoints().allMatch(Texts::isInvisible);
    }

    private static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || type == Character.FORMAT
                || type == Character.CONTROL || codePoint == 0x034F || codePoint == 0x115F || codePoint == 0x1160
                || codePoint == 0x17B4 || codePoint == 0x17B5 || codePoint == 0x180E || codePoint == 0x2800
                || codePoint == 0x3164 || codePoint == 0xFFA0 || codePoint >= 0xFE00 && codePoint <= 0xFE0F
                || codePoint >= 0xE0100 && codePoint <= 0xE01EF;
    }

    private static boolean isNonCharacter(int codePoint) {
        return codePoint >= 0xFDD0 && codePoint <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
