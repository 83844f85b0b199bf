package fr.bacasable.application;

/** The public service the project serves. */
public enum PublicServiceDomain implements Choice {
    HEALTH("Santé"),
    EDUCATION("Éducation"),
    MOBILITY("Mobilités et transports"),
    PUBLIC_SECURITY("Sécurité publique"),
    ENVIRONMENT("Environnement"),
    EMPLOYMENT("Emploi"),
    SOCIAL("Action sociale"),
    OTHER("Autre");

    private final String label;

    PublicServiceDomain(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
