package fr.bacasable.review.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.CaseSection;
import fr.bacasable.review.Criterion;
import fr.bacasable.review.Review;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.Scores;
import fr.bacasable.review.internal.ReviewRepository.Conflict;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;
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
    public int order() {
        return 100;
    }

    @Override
    public String title() {
        return "Revues";
    }

    @Override
    public String template() {
        return "staff/sections/review";
    }

    @Override
    public Optional<Object> content(ApplicationDetails application, StaffUser reader) {
        if (!reader.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS, StaffGroups.SELECTION_COMMITTEE,
                StaffGroups.PRESIDENT)) {
            return Optional.empty();
        }
        boolean named = reader.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS);
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
