package fr.bacasable.selection;

import fr.bacasable.application.ReviewedApplication;

/** One line of the ranked list, with the outcome the capacities propose for it. */
public record RankedApplication(int rank, ReviewedApplication application, Outcome proposedOutcome) {
}
