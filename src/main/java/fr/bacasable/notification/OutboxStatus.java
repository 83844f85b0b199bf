package fr.bacasable.notification;

/** Where an outbox message stands; the labels are what staff read. */
public enum OutboxStatus {
    PENDING("En attente d'envoi"),
    SENT("Envoyé");

    private final String label;

    OutboxStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
