package fr.bacasable.application;

/** The categories of personal data a project processes. */
public enum PersonalDataCategory implements Choice {
    IDENTITY("État civil, identité"),
    CONTACT("Coordonnées"),
    ECONOMIC("Situation économique et financière"),
    LOCATION("Données de localisation"),
    HEALTH("Données de santé"),
    BIOMETRIC("Données biométriques"),
    OFFENCES("Infractions, condamnations"),
    NIR("Numéro de sécurité sociale (NIR)"),
    MINORS("Données concernant des mineurs"),
    BEHAVIOUR("Usages, comportements, navigation"),
    OTHER("Autres");

    private final String label;

    PersonalDataCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
