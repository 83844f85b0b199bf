package fr.bacasable.application;

/** What happened to an application, as its timeline shows it; some events are for staff only. */
public enum ApplicationEventType implements Choice {
    SUBMITTED("Candidature déposée", true),
    ELIGIBLE("Candidature éligible", true),
    INELIGIBLE("Candidature non éligible", true),
    INFORMATION_REQUESTED("Compléments demandés", true),
    REMINDER_SENT("Relance envoyée", true),
    APPLICANT_ANSWERED("Compléments reçus", true),
    DOCUMENT_ADDED("Document ajouté", true),
    COMPLETENESS_CONFIRMED("Dossier complet, instruction lancée", true),
    CLOSED_INCOMPLETE("Candidature close : dossier incomplet", true),
    SHORTLISTED("Instruction terminée : candidature présélectionnée", true),
    REJECTED("Instruction terminée : candidature non retenue", true),
    SELECTED_LAUREATE("Sélection : candidature lauréate", true),
    SELECTED_ADVISED("Sélection : candidature retenue pour des conseils", true),
    RESERVE_LISTED("Sélection : candidature sur liste complémentaire", true),
    NOT_SELECTED("Sélection : candidature non sélectionnée", true),
    DECISION_SENT("Décision de la sélection envoyée", true),
    PROMOTED("Promue lauréate après un désistement", true),
    WITHDRAWN("Candidature retirée", true);

    private final String label;
    private final boolean visibleToApplicant;

    ApplicationEventType(String label, boolean visibleToApplicant) {
        this.label = label;
        this.visibleToApplicant = visibleToApplicant;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean visibleToApplicant() {
        return visibleToApplicant;
    }
}
