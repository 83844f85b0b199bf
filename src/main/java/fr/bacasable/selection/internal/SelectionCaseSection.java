package fr.bacasable.selection.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.CaseReader;
import fr.bacasable.application.CaseSection;
import fr.bacasable.application.SectionHeading;
import fr.bacasable.review.ReviewDirectory;
import fr.bacasable.review.Scores;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionEvent;
import fr.bacasable.selection.SelectionLine;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The application's place in its campaign's selection on the case page, for programme managers, the
 * committee and the president: rank, total, the outcome proposed, as the committee moved it and as
 * decided, and its journal (moves with their reasons, announcement, renunciation, promotion). Only
 * programme managers see who moved it.
 */
@Component
class SelectionCaseSection implements CaseSection {

    static final SectionHeading HEADING = new SectionHeading(200, "Sélection", "staff/sections/selection");

    /** The section's content; outcomes as French labels, null when not reached yet. */
    record Selection(Integer rank, String total, String proposed, String outcome, String decided,
            Instant announcedAt, Instant withdrawnAt, List<Step> journal) {
    }

    /** One event of the journal; {@code actor} is null unless the reader is a programme manager. */
    record Step(Instant at, String label, String from, String to, String actor, String remark) {
    }

    private final SelectionRepository selections;
    private final ReviewDirectory reviews;

    SelectionCaseSection(SelectionRepository selections, ReviewDirectory reviews) {
        this.selections = selections;
        this.reviews = reviews;
    }

    @Override
    public SectionHeading heading() {
        return HEADING;
    }

    @Override
    public Optional<Object> content(ApplicationDetails application, CaseReader reader) {
        if (!reader.seesAssessments()) {
            return Optional.empty();
        }
        boolean named = reader.seesWho();
        return selections.find(application.id()).map(line -> new Selection(line.rank(),
                DecisionScores.of(reviews.reviewsOf(application.id())).map(scores -> Scores.decimal(scores.total()))
                        .orElse(null),
                label(line.proposedOutcome()), label(line.outcome()), label(line.decidedOutcome()),
                line.announcedAt(), line.withdrawnAt(), journal(line, named)));
    }

    private List<Step> journal(SelectionLine line, boolean named) {
        return selections.eventsOfApplication(line.applicationId()).stream()
                .map(event -> step(event, named)).toList();
    }

    private static Step step(SelectionEvent event, boolean named) {
        return new Step(event.occurredAt(), event.type().label(), label(event.fromOutcome()),
                label(event.toOutcome()), named ? event.actor() : null, event.remark());
    }

    static String label(Outcome outcome) {
        return outcome == null ? null : outcome.label();
    }
}
