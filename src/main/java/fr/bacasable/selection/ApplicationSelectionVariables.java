package fr.bacasable.selection;

/**
 * The variables and messages of {@code ApplicationSelectionProcess}, named once. An application's process
 * calls it once its review is through, under the application's business key (the reference), and reads
 * back {@link #SELECTION_OUTCOME}.
 */
public final class ApplicationSelectionVariables {

    public static final String PROCESS_KEY = "ApplicationSelectionProcess";

    /** Passed in by the application's process. */
    public static final String APPLICATION_ID = "applicationId";

    /** Sent by the campaign's announcement with {@link #SELECTION_OUTCOME}. */
    public static final String MESSAGE_SELECTION_DECIDED = "SelectionDecided";
    /** LAUREATE, ADVISED, RESERVE, NOT_SELECTED or REJECTED ({@link Outcome}); LAUREATE once a reserve is promoted. */
    public static final String SELECTION_OUTCOME = "selectionOutcome";
    /** A laureate's place became free and this reserve application takes it. */
    public static final String MESSAGE_RESERVE_PROMOTED = "ReservePromoted";

    private ApplicationSelectionVariables() {
    }
}
