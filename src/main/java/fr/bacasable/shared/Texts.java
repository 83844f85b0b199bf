package fr.bacasable.shared;

/** Checks on free text typed by people. */
public final class Texts {

    private Texts() {
    }

    /**
     * Whether the text holds a control character other than line breaks and tabs: such characters
     * are never typed on purpose, and PostgreSQL refuses NUL outright.
     */
    public static boolean hasControlCharacters(String text) {
        return text != null && text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }
}
