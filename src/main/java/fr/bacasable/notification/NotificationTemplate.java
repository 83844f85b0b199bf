package fr.bacasable.notification;

/**
 * The e-mails about an application, to its applicant or to staff, each a French text template in
 * {@code templates/mail/}. Model keys (Strings unless said): {@code reference}, {@code projectTitle},
 * {@code contactName} (the addressee), {@code campaignTitle} for all; {@code trackingUrl} for
 * {@link #RECEIPT}; {@code message} and {@code dueDate} (a {@link java.time.LocalDate}) for
 * {@link #INFORMATION_REQUEST}; {@code dueDate} for {@link #ANSWER_REMINDER}; {@code reason} for
 * {@link #INELIGIBLE}; {@code reviewKind} and {@code dueDate} for {@link #REVIEW_REMINDER} and
 * {@link #REVIEW_ESCALATION}; {@code reviewKind}, {@code reviewer} and {@code details} for {@link #CONFLICT_DECLARED};
 * {@code outcome} (LAUREATE, ADVISED, RESERVE, NOT_SELECTED or REJECTED), {@code scores} (a list of maps with
 * {@code label}, {@code score} and {@code justifications}, a list of Strings), {@code total}, and optionally
 * {@code rejectionReason} and {@code consensusReason} for {@link #SELECTION_DECISION}; {@code dueDate} and
 * {@code status} for {@link #REVIEWS_OVERDUE}.
 */
public enum NotificationTemplate {
    RECEIPT("Accusé de réception"),
    INFORMATION_REQUEST("Demande d'informations complémentaires"),
    ANSWER_REMINDER("Rappel avant la date limite de réponse"),
    INELIGIBLE("Candidature non éligible"),
    CLOSED_INCOMPLETE("Candidature close pour dossier incomplet"),
    WITHDRAWN("Retrait de la candidature"),
    REVIEW_REMINDER("Rappel de revue à l'échéance", false),
    REVIEW_ESCALATION("Revue en retard, signalée aux gestionnaires", false),
    CONFLICT_DECLARED("Conflit d'intérêts déclaré", false),
    SELECTION_DECISION("Décision de sélection"),
    RESERVE_PROMOTED("Promotion depuis la liste complémentaire"),
    REVIEWS_OVERDUE("Instruction inachevée à la date limite, signalée aux gestionnaires", false);

    private final String label;
    private final boolean toApplicant;

    NotificationTemplate(String label) {
        this(label, true);
    }

    NotificationTemplate(String label, boolean toApplicant) {
        this.label = label;
        this.toApplicant = toApplicant;
    }

    /** Whether the applicant receives it; the others go to staff and never show on the tracking page. */
    public boolean toApplicant() {
        return toApplicant;
    }

    public String label() {
        return label;
    }
}
