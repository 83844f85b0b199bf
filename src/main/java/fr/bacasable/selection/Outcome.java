package fr.bacasable.selection;

/**
 * What the selection decides for a reviewed application: the committee places shortlisted ones in
 * the first four outcomes; {@link #REJECTED} is the review's own outcome, told with the others.
 */
public enum Outcome {
    LAUREATE("Lauréat (accompagné)"),
    ADVISED("Conseillé"),
    RESERVE("Liste complémentaire"),
    NOT_SELECTED("Non sélectionné"),
    REJECTED("Non retenu à l'instruction");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the committee may place a shortlisted application in it. */
    public boolean selectable() {
        return this != REJECTED;
    }
}
