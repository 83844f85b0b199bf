package fr.bacasable.application;

/** SIRET numbers: 14 digits whose Luhn key is valid (La Poste's establishments are the known exception). */
public final class Siret {

    private static final String LA_POSTE_SIREN = "356000000";

    private Siret() {
    }

    /** The 14 digits without spaces, or the input unchanged when it has other characters. */
    public static String normalise(String siret) {
        return siret == null ? null : siret.replace(" ", "").replace("\u00a0", "");
    }

    public static boolean isValid(String siret) {
        String digits = normalise(siret);
        if (digits == null || !digits.matches("\\d{14}")) {
            return false;
        }
        if (digits.startsWith(LA_POSTE_SIREN)) {
            return digits.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
