package fr.bacasable.notification;

/**
 * The e-mails sent to applicants, each a French text template in {@code templates/mail/}. Model keys
 * (Strings unless said): {@code reference}, {@code projectTitle}, {@code contactName},
 * {@code campaignTitle} for all; {@code trackingUrl} for {@link #RECEIPT}; {@code message} and
 * {@code dueDate} (a {@link java.time.LocalDate}) for {@link #INFORMATION_REQUEST}; {@code dueDate}
 * for {@link #ANSWER_REMINDER}; {@code reason} for {@link #INELIGIBLE}.
 */
public enum NotificationTemplate {
    RECEIPT("Accusé de réception"),
    INFORMATION_REQUEST("Demande d'informations complémentaires"),
    ANSWER_REMINDER("Rappel avant la date limite de réponse"),
    INELIGIBLE("Candidature non éligible"),
    CLOSED_INCOMPLETE("Candidature close pour dossier incomplet"),
    WITHDRAWN("Retrait de la candidature");

    private final String label;

    NotificationTemplate(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
