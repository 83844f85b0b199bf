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
     * Whether the text holds a control character other than line breaks and tabs: such characters
     * are never typed on purpose, and PostgreSQL refuses NUL outright.
     */
    public static boolean hasControlCharacters(String text) {
        return text != null && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }
}
