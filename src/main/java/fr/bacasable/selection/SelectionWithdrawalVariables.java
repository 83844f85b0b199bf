package fr.bacasable.selection;

/** The variables of {@code SelectionWithdrawalProcess}, named once; called by an application's withdrawal. */
public final class SelectionWithdrawalVariables {

    public static final String PROCESS_KEY = "SelectionWithdrawalProcess";

    /** Passed in by the application's process. */
    public static final String APPLICATION_ID = "applicationId";
    /** Whether the withdrawal freed a laureate's place, which the first reserve application then takes. */
    public static final String LAUREATE_PLACE_FREED = "laureatePlaceFreed";

    private SelectionWithdrawalVariables() {
    }
}
