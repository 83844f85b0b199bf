package fr.bacasable.selection.internal;

import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ReviewedApplication;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionLine;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The selection as a Markdown table for the committee's and president's forms in Tasklist. */
@Component
class SelectionSummary {

    private final SelectionRepository selections;
    private final ApplicationDirectory applications;

    SelectionSummary(SelectionRepository selections, ApplicationDirectory applications) {
        this.selections = selections;
        this.applications = applications;
    }

    String of(Campaign campaign) {
        List<SelectionLine> lines = selections.linesOf(campaign.id());
        Map<String, ReviewedApplication> scored = applications.shortlistedInRankingOrder(campaign.id()).stream()
                .collect(Collectors.toMap(ReviewedApplication::applicationId, Function.identity()));
        StringBuilder text = new StringBuilder();
        text.append("Places : ").append(places(campaign, lines, Outcome.LAUREATE)).append(", ")
                .append(places(campaign, lines, Outcome.ADVISED)).append(", ")
                .append(places(campaign, lines, Outcome.RESERVE)).append(".\n\n");
        text.append("| Rang | Candidature | Notes (pertinence · intérêt · qualité · impact) | Total | Proposition "
                + "| Sélection |\n");
        text.append("| --- | --- | --- | --- | --- | --- |\n");
        StringBuilder changes = new StringBuilder();
        long rejected = 0;
        for (SelectionLine line : lines) {
            ReviewedApplication application = scored.get(line.applicationId());
            if (line.rank() == null || application == null) {
                rejected += line.rank() == null ? 1 : 0;
                continue;
            }
            text.append("| ").append(line.rank())
                    .append(" | ").append(application.reference()).append(" — ")
                    .append(cell(application.projectTitle()))
                    .append(" | ").append(String.join(" · ", OutcomeLetters.decimal(application.relevanceScore()),
                            OutcomeLetters.decimal(application.dataProtectionInterestScore()),
                            OutcomeLetters.decimal(application.qualityScore()),
                            OutcomeLetters.decimal(application.impactScore())))
                    .append(" | ").append(OutcomeLetters.decimal(application.total()))
                    .append(" | ").append(line.proposedOutcome().label())
                    .append(" | ").append(line.withdrawn() ? "Retirée" : line.outcome().label())
                    .append(" |\n");
            if (line.moved()) {
                changes.append("- ").append(application.reference()).append(" : ")
                        .append(line.proposedOutcome().label()).append(" → ").append(line.outcome().label()).append(". Motif : ")
                        .append(cell(line.changeReason())).append("\n");
            }
        }
        if (lines.isEmpty()) {
            text.append("| | Aucune candidature présélectionnée | | | | |\n");
        }
        if (!changes.isEmpty()) {
            text.append("\nChangements par rapport à la proposition :\n\n").append(changes);
        }
        text.append("\n").append(rejected).append(" candidature(s) non retenue(s) à l'instruction recevront aussi "
                + "leur courrier de décision.");
        return text.toString();
    }

    private static String places(Campaign campaign, List<SelectionLine> lines, Outcome outcome) {
        return outcome.label() + " " + Capacities.taken(lines, outcome) + "/" + Capacities.of(campaign, outcome);
    }

    /** One table cell: no line break, no column separator, no Markdown or HTML markup. */
    private static String cell(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").replaceAll("[|<>*_`\\[\\]#]", " ").strip();
    }
}
