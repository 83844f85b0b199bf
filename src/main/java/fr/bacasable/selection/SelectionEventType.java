package fr.bacasable.selection;

/** The steps of a selection, as its journal shows them. */
public enum SelectionEventType {
    PREPARED("Classement et proposition établis"),
    MOVED("Candidature déplacée par le comité"),
    PROPOSED("Sélection proposée par le comité"),
    SENT_BACK("Sélection renvoyée au comité par la présidence"),
    CONFIRMED("Sélection arrêtée par la présidence"),
    ANNOUNCED("Décision transmise à la candidature"),
    WITHDRAWN("Candidature retirée"),
    PROMOTED("Candidature de la liste complémentaire promue lauréate");

    private final String label;

    SelectionEventType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
