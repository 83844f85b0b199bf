package fr.bacasable.application;

/** AI Act art. 5 prohibited practices (AiActRiskDecision input {@code prohibitedPractice}). */
public enum ProhibitedPractice implements Choice {
    NONE("Aucune de ces pratiques"),
    SOCIAL_SCORING("Notation sociale des personnes"),
    MANIPULATION("Techniques subliminales ou manipulatrices"),
    EXPLOITING_VULNERABILITIES("Exploitation des vulnérabilités (âge, handicap, situation sociale)"),
    CRIME_PREDICTION_PROFILING("Prédiction d'infractions fondée uniquement sur le profilage"),
    FACIAL_SCRAPING("Constitution de bases de reconnaissance faciale par moissonnage"),
    EMOTION_RECOGNITION_WORK_EDUCATION("Reconnaissance des émotions au travail ou à l'école"),
    BIOMETRIC_CATEGORISATION_SENSITIVE("Catégorisation biométrique selon des caractéristiques sensibles"),
    REALTIME_REMOTE_BIOMETRIC_ID("Identification biométrique à distance en temps réel dans l'espace public");

    private final String label;

    ProhibitedPractice(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
