package fr.bacasable.application;

/** AI Act Annex III high-risk areas (AiActRiskDecision input {@code annexIiiArea}). */
public enum AnnexIiiArea implements Choice {
    NONE("Aucun de ces domaines"),
    BIOMETRICS("Biométrie"),
    CRITICAL_INFRASTRUCTURE("Infrastructures critiques"),
    EDUCATION("Éducation et formation professionnelle"),
    EMPLOYMENT("Emploi et gestion des travailleurs"),
    ESSENTIAL_SERVICES("Accès aux services publics et privés essentiels (prestations, crédit, secours)"),
    LAW_ENFORCEMENT("Activités répressives"),
    MIGRATION_BORDER("Migration, asile et contrôle aux frontières"),
    JUSTICE_DEMOCRACY("Administration de la justice et processus démocratiques");

    private final String label;

    AnnexIiiArea(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
