package fr.bacasable.review.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.CaseReader;
import fr.bacasable.application.CaseSection;
import fr.bacasable.application.SectionHeading;
import fr.bacasable.review.Criterion;
import fr.bacasable.review.Review;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.Scores;
import fr.bacasable.review.internal.ReviewRepository.Conflict;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The reviews on the case page: each scoring with its scores and justifications, the consensus and
 * the declared conflicts of interest. Four eyes: reviewers see none of it, even while they work a
 * task of the application, so no reviewer reads the other review before doing their own; programme
 * managers, the committee and the president see it all, and only programme managers see who.
 */
@Component
class ReviewCaseSection implements CaseSection {

    static final SectionHeading HEADING = new SectionHeading(100, "Revues", "staff/sections/review");

    /** The section's content. */
    record Reviews(List<Scoring> scorings, List<DeclaredConflict> conflicts) {
    }

    /** One scoring; {@code reviewer} is null unless the reader is a programme manager. */
    record Scoring(String title, String reviewer, Instant completedAt, List<CriterionScore> scores, String total,
            String remarksLabel, String remarks) {
    }

    record CriterionScore(String criterion, String score, String justification) {
    }

    /** A conflict declared instead of a review; {@code reviewer} as in {@link Scoring}. */
    record DeclaredConflict(String review, String reviewer, String details, Instant declaredAt) {
    }

    private final ReviewRepository reviews;
    private final ReviewerNames names;

    ReviewCaseSection(ReviewRepository reviews, ReviewerNames names) {
        this.reviews = reviews;
        this.names = names;
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
        List<Scoring> scorings = reviews.findByApplication(application.id()).stream()
                .map(review -> scoring(review, named ? names.of(review.reviewer()) : null)).toList();
        List<DeclaredConflict> conflicts = reviews.conflictsOf(application.id()).stream()
                .map(conflict -> declared(conflict, named ? names.of(conflict.reviewer()) : null)).toList();
        return Optional.of(new Reviews(scorings, conflicts));
    }

    private static Scoring scoring(Review review, String reviewer) {
        boolean consensus = review.kind() == ReviewKind.CONSENSUS;
        List<CriterionScore> scores = Arrays.stream(Criterion.values())
                .map(criterion -> new CriterionScore(criterion.label(), Scores.decimal(review.scores().of(criterion)),
                        review.justifications().get(criterion)))
                .toList();
        return new Scoring(consensus ? "Notes de consensus" : "Revue " + review.kind().label(), reviewer,
                review.completedAt(), scores, Scores.decimal(review.scores().total()),
                consensus ? "Motif du consensus" : "Remarques internes", review.remarks());
    }

    private static DeclaredConflict declared(Conflict conflict, String reviewer) {
        return new DeclaredConflict("Revue " + conflict.kind().label(), reviewer, conflict.details(),
                conflict.declaredAt());
    }
}
