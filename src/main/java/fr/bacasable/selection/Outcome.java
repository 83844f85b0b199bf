package fr.bacasable.selection;

/** What the selection decides for a shortlisted application. */
public enum Outcome {
    LAUREATE("Lauréat (accompagné)"),
    ADVISED("Conseillé"),
    RESERVE("Liste complémentaire"),
    NOT_SELECTED("Non sélectionné");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
