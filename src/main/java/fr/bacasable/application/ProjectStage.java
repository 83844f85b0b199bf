package fr.bacasable.application;

/** How far the project is (EligibilityDecision input {@code projectStage}). */
public enum ProjectStage implements Choice {
    IDEA("Idée, pas encore de conception"),
    DESIGN("Conception en cours"),
    DEVELOPMENT("Développement en cours"),
    PILOT("Expérimentation ou pilote"),
    IN_PRODUCTION("Déjà en production");

    private final String label;

    ProjectStage(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
