package fr.bacasable.application;

/** Where an application stands; the labels are what the applicant reads. */
public enum ApplicationStatus implements Choice {
    SUBMITTED("Déposée, en cours de vérification"),
    INELIGIBLE("Non éligible"),
    AWAITING_APPLICANT("En attente de vos compléments"),
    CLOSED_INCOMPLETE("Close, dossier incomplet"),
    UNDER_REVIEW("En cours d'instruction"),
    SHORTLISTED("Présélectionnée"),
    REJECTED("Non retenue à l'issue de l'instruction"),
    LAUREATE("Lauréate"),
    ADVISED("Retenue pour des conseils"),
    RESERVE("Sur liste complémentaire"),
    NOT_SELECTED("Non sélectionnée"),
    IN_ACCOMPANIMENT("Accompagnement en cours"),
    COMPLETED("Accompagnement terminé"),
    WITHDRAWN("Retirée");

    private final String label;

    ApplicationStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
