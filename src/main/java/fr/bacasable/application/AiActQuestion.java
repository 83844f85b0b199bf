package fr.bacasable.application;

/** The yes/no questions of AiActRiskDecision, as asked of applicants. */
public enum AiActQuestion {
    NARROW_PROCEDURAL_TASK("narrowProceduralTask",
            "Le système n'accomplit-il qu'une tâche procédurale étroite ou préparatoire ?",
            "Dérogation de l'article 6(3) du règlement sur l'IA : il ne fait qu'assister une décision humaine "
                    + "sans l'influencer substantiellement."),
    PROFILES_NATURAL_PERSONS("profilesNaturalPersons",
            "Le système effectue-t-il un profilage de personnes physiques ?",
            "Évaluer des aspects personnels : situation économique, santé, comportement, localisation…"),
    INTERACTS_WITH_PERSONS("interactsWithPersons",
            "Le système interagit-il directement avec des personnes ?",
            "Par exemple un agent conversationnel qui répond aux usagers."),
    GENERATES_SYNTHETIC_CONTENT("generatesSyntheticContent",
            "Le système génère-t-il des contenus (texte, image, son, vidéo) ?",
            "Les contenus générés doivent alors être signalés comme tels."),
    EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION("emotionRecognitionOrBiometricCategorisation",
            "Le système reconnaît-il des émotions ou catégorise-t-il des personnes d'après des données biométriques ?",
            "Hors des pratiques interdites mentionnées plus haut."),
    DEPLOYER_IS_PUBLIC_BODY("deployerIsPublicBody",
            "Le système sera-t-il déployé par un organisme public ?",
            "Ou par un organisme privé chargé d'un service public.");

    private final String field;
    private final String question;
    private final String explanation;

    AiActQuestion(String field, String question, String explanation) {
        this.field = field;
        this.question = question;
        this.explanation = explanation;
    }

    /** The variable name of AiActRiskDecision, also the field name in forms and JSON. */
    public String field() {
        return field;
    }

    public String question() {
        return question;
    }

    public String explanation() {
        return explanation;
    }
}
