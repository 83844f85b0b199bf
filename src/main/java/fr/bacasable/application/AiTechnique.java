package fr.bacasable.application;

/** The AI techniques a project uses. */
public enum AiTechnique implements Choice {
    GENERATIVE("IA générative (texte, image, son)"),
    MACHINE_LEARNING("Apprentissage automatique (classification, prédiction)"),
    COMPUTER_VISION("Vision par ordinateur"),
    NATURAL_LANGUAGE("Traitement automatique de la langue"),
    SPEECH("Reconnaissance ou synthèse vocale"),
    OPTIMISATION("Optimisation, recommandation"),
    OTHER("Autre technique");

    private final String label;

    AiTechnique(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
