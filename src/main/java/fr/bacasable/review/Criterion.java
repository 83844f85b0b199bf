package fr.bacasable.review;

/**
 * The four selection criteria, each scored 0 to 5 in half points. The field is the form field and
 * the ReviewOutcomeDecision input of the criterion's score.
 */
public enum Criterion {
    RELEVANCE("relevanceScore", "Pertinence de l'usage de l'IA pour le service public"),
    DATA_PROTECTION_INTEREST("dataProtectionInterestScore",
            "Intérêt pour la protection des données (questions nouvelles utiles à tous)"),
    QUALITY("qualityScore", "Qualité technique et juridique du projet"),
    IMPACT("impactScore", "Impact et potentiel de généralisation");

    private final String field;
    private final String label;

    Criterion(String field, String label) {
        this.field = field;
        this.label = label;
    }

    public String field() {
        return field;
    }

    /** The form field of the criterion's justification. */
    public String justificationField() {
        return field.replace("Score", "Justification");
    }

    public String label() {
        return label;
    }
}
