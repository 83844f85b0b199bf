package fr.bacasable.selection;

import java.time.Instant;

/** Who did what to a campaign's selection, when and why. */
public record SelectionEvent(
        String applicationId,
        SelectionEventType type,
        Outcome fromOutcome,
        Outcome toOutcome,
        String actor,
        String remark,
        Instant occurredAt) {
}
