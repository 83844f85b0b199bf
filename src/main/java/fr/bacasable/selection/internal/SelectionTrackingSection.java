package fr.bacasable.selection.internal;

import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.SectionHeading;
import fr.bacasable.application.TrackedApplication;
import fr.bacasable.application.TrackingSection;
import fr.bacasable.review.ReviewDirectory;
import fr.bacasable.review.Scores;
import fr.bacasable.selection.SelectionLine;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The selection's decision on the applicant's tracking page, once the decision letter is written
 * (the letter, in the messages, already tells it): the outcome, and the scores per criterion with
 * the reviewers' justifications, never their names nor the rank.
 */
@Component
class SelectionTrackingSection implements TrackingSection {

    static final SectionHeading HEADING = new SectionHeading(200, "Décision de la sélection",
            "portal/sections/selection");

    /** Recorded with the decision letter, in the same transaction. */
    static final Set<ApplicationEventType> DECISION_TOLD = EnumSet.of(ApplicationEventType.SELECTED_LAUREATE,
            ApplicationEventType.SELECTED_ADVISED, ApplicationEventType.RESERVE_LISTED,
            ApplicationEventType.NOT_SELECTED, ApplicationEventType.DECISION_SENT);

    /** The section's content; {@code since} is the outcome after a promotion, null otherwise. */
    record Decision(String decided, String since, List<ScoreLine> scores, String total, String consensusReason) {
    }

    record ScoreLine(String criterion, String score, List<String> justifications) {
    }

    private final SelectionRepository selections;
    private final ReviewDirectory reviews;

    SelectionTrackingSection(SelectionRepository selections, ReviewDirectory reviews) {
        this.selections = selections;
        this.reviews = reviews;
    }

    @Override
    public SectionHeading heading() {
        return HEADING;
    }

    @Override
    public Optional<Object> content(TrackedApplication tracked) {
        if (tracked.timeline().stream().noneMatch(event -> DECISION_TOLD.contains(event.type()))) {
            return Optional.empty();
        }
        String applicationId = tracked.application().id();
        Optional<SelectionLine> line = selections.find(applicationId).filter(found -> found.decidedOutcome() != null);
        return line.flatMap(decided -> DecisionScores.of(reviews.reviewsOf(applicationId)).map(scores -> new Decision(
                SelectionCaseSection.label(decided.decidedOutcome()),
                !decided.withdrawn() && decided.outcome() != decided.decidedOutcome()
                        ? SelectionCaseSection.label(decided.outcome()) : null,
                scores.lines().stream().map(score -> new ScoreLine(score.criterion().label(),
                        Scores.decimal(score.score()), score.justifications())).toList(),
                Scores.decimal(scores.total()), scores.consensusReason())));
    }
}
