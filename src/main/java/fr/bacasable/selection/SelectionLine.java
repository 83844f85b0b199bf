package fr.bacasable.selection;

import java.time.Instant;

/**
 * One application in a campaign's selection: its rank (none when the review rejected it), the
 * outcome the capacities proposed, the outcome as the committee moved it (with why, by whom), the
 * outcome the president decided, and when its process was told.
 */
public record SelectionLine(
        String applicationId,
        String campaignId,
        Integer rank,
        Outcome proposedOutcome,
        Outcome outcome,
        String changeReason,
        String changedBy,
        Instant changedAt,
        Outcome decidedOutcome,
        Instant announcedAt,
        Instant withdrawnAt) {

    public boolean moved() {
        return proposedOutcome != outcome;
    }

    public boolean withdrawn() {
        return withdrawnAt != null;
    }
}
