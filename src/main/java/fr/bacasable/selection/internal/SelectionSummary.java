package fr.bacasable.selection.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionLine;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The selection in a few lines for the committee's and president's forms in Tasklist: places taken,
 * counts per outcome and changes, the same size whatever the campaign's (the engine keeps it in a
 * 4000-character column). The ranked table itself is on the selection page.
 */
@Component
class SelectionSummary {

    private final SelectionRepository selections;

    SelectionSummary(SelectionRepository selections) {
        this.selections = selections;
    }

    String of(Campaign campaign) {
        List<SelectionLine> lines = selections.linesOf(campaign.id());
        List<SelectionLine> ranked = lines.stream().filter(line -> line.rank() != null).toList();
        StringBuilder text = new StringBuilder();
        text.append("Places : ").append(places(campaign, lines, Outcome.LAUREATE)).append(", ")
                .append(places(campaign, lines, Outcome.ADVISED)).append(", ")
                .append(places(campaign, lines, Outcome.RESERVE)).append(".\n\n");
        text.append(ranked.size()).append(" candidature(s) classée(s) : ");
        for (Outcome outcome : List.of(Outcome.LAUREATE, Outcome.ADVISED, Outcome.RESERVE, Outcome.NOT_SELECTED)) {
            text.append(outcome.label()).append(" ").append(Capacities.taken(ranked, outcome)).append(", ");
        }
        text.append("retirée(s) ").append(count(ranked, SelectionLine::withdrawn)).append(".\n\n");
        text.append(count(ranked, SelectionLine::moved))
                .append(" changement(s) par rapport à la proposition, avec leurs motifs sur la page de la sélection.\n\n");
        text.append(lines.size() - ranked.size()).append(" candidature(s) non retenue(s) à l'instruction recevront "
                + "aussi leur courrier de décision.");
        return text.toString();
    }

    private static String places(Campaign campaign, List<SelectionLine> lines, Outcome outcome) {
        return outcome.label() + " " + Capacities.taken(lines, outcome) + "/" + Capacities.of(campaign, outcome);
    }

    private static long count(List<SelectionLine> lines, Predicate<SelectionLine> which) {
        return lines.stream().filter(which).count();
    }
}
