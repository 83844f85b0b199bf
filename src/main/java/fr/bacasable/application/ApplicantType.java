package fr.bacasable.application;

/** Who applies (EligibilityDecision input {@code applicantType}). */
public enum ApplicantType implements Choice {
    CENTRAL_ADMINISTRATION("Administration centrale"),
    DECONCENTRATED_SERVICE("Service déconcentré de l'État"),
    LOCAL_AUTHORITY("Collectivité territoriale"),
    PUBLIC_BODY("Établissement ou opérateur public"),
    PRIVATE_WITH_PUBLIC_PARTNER("Organisme privé travaillant avec un acteur public"),
    PRIVATE("Organisme privé sans partenaire public");

    private final String label;

    ApplicantType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
