package fr.bacasable.notification;

/** Where an outbox message stands; the labels are what staff read. */
public enum OutboxStatus {
    PENDING("En attente d'envoi"),
    AWAITING_CONFIRMATION("Retenu jusqu'à la confirmation de l'adresse par le candidat"),
    SENT("Envoyé"),
    FAILED("Échec de l'envoi : à relancer");

    private final String label;

    OutboxStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
