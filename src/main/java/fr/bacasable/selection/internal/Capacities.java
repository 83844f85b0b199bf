package fr.bacasable.selection.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionLine;
import java.util.List;
import java.util.Optional;

/** The campaign's places: laureates, advised projects and the reserve list may not exceed them. */
final class Capacities {

    private Capacities() {
    }

    static int of(Campaign campaign, Outcome outcome) {
        return switch (outcome) {
            case LAUREATE -> campaign.laureateCapacity();
            case ADVISED -> campaign.advisedCapacity();
            case RESERVE -> campaign.reserveCapacity();
            case NOT_SELECTED, REJECTED -> Integer.MAX_VALUE;
        };
    }

    /** How many applications still in the selection hold this outcome. */
    static long taken(List<SelectionLine> lines, Outcome outcome) {
        return lines.stream().filter(line -> !line.withdrawn() && line.outcome() == outcome).count();
    }

    /** The French message for the first outcome holding more applications than its places, if any. */
    static Optional<String> firstOverflow(Campaign campaign, List<SelectionLine> lines) {
        for (Outcome outcome : List.of(Outcome.LAUREATE, Outcome.ADVISED, Outcome.RESERVE)) {
            long taken = taken(lines, outcome);
            if (taken > of(campaign, outcome)) {
                return Optional.of(overflowMessage(campaign, outcome, taken));
            }
        }
        return Optional.empty();
    }

    static String overflowMessage(Campaign campaign, Outcome outcome, long wanted) {
        return "« " + outcome.label() + " » compte " + wanted + " candidatures pour " + of(campaign, outcome)
                + " place(s) : déplacez d'abord une autre candidature hors de cette issue.";
    }
}
