package fr.bacasable.shared;

/** What one module's process tells another's, named once: signals, and the variables a call passes. */
public final class ProcessContract {

    /**
     * Thrown by an application's process when its review is through (or it is withdrawn), suffixed with
     * the campaign id: it wakes the campaign's selection waiting for the end of the reviews.
     */
    public static final String SIGNAL_REVIEW_SETTLED = "ReviewSettled-";

    private ProcessContract() {
    }
}
