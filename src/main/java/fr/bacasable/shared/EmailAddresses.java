package fr.bacasable.shared;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * The e-mail addresses the application accepts from people: exactly what the mailer will send
 * to. One plain address in ASCII (an internationalised domain in its {@code xn--} form), at most
 * 254 characters, a local part of at most 64 in dot-atom form, a domain of two labels or more of
 * letters, digits and inner hyphens (63 at most each) whose last label is not numeric, no MIME
 * encoded-word ({@code =?charset?q?…?=}, which mail clients would decode into other text), and one
 * that jakarta.mail parses strictly as the same address.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    private static final int LOCAL_PART_MAX = 64;
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final String ENCODED_WORD_START = "=?";

    private EmailAddresses() {
    }

    /** Whether {@code address}, stripped of surrounding spaces, is one address the mailer accepts. */
    public static boolean isValid(String address) {
        if (address == null) {
            return false;
        }
        String stripped = address.strip();
        int at = stripped.lastIndexOf('@');
        if (stripped.length() > MAX_LENGTH || at < 1 || stripped.indexOf('@') != at) {
            return false;
        }
        String local = stripped.substring(0, at);
        String domain = stripped.substring(at + 1);
        return local.length() <= LOCAL_PART_MAX && LOCAL_PART.matcher(local).matches()
                && !local.contains(ENCODED_WORD_START) && isValidDomain(domain) && parsesAsItself(stripped);
    }

    private static boolean isValidDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean parsesAsItself(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return address.equals(parsed.getAddress()) && parsed.getPersonal() == null;
        } catch (AddressException e) {
            return false;
        }
    }
}
