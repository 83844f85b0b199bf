package fr.bacasable.selection.internal;

import fr.bacasable.review.Criterion;
import fr.bacasable.review.Review;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.Scores;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scores an application is decided on, as its letter tells them: the consensus when there is
 * one, else the mean of both reviews; per criterion, the legal then technical reviewers'
 * justifications, never their names; and the consensus's reason.
 */
record DecisionScores(List<Line> lines, BigDecimal total, String consensusReason) {

    record Line(Criterion criterion, BigDecimal score, List<String> justifications) {
    }

    /** Empty until both reviews are done. */
    static Optional<DecisionScores> of(List<Review> scorings) {
        Optional<Review> consensus = ofKind(scorings, ReviewKind.CONSENSUS);
        Optional<Review> legal = ofKind(scorings, ReviewKind.LEGAL);
        Optional<Review> technical = ofKind(scorings, ReviewKind.TECHNICAL);
        if (consensus.isEmpty() && (legal.isEmpty() || technical.isEmpty())) {
            return Optional.empty();
        }
        Scores decided = consensus.map(Review::scores)
                .orElseGet(() -> Scores.mean(legal.orElseThrow().scores(), technical.orElseThrow().scores()));
        List<Line> lines = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            List<String> justifications = new ArrayList<>();
            for (Optional<Review> review : List.of(legal, technical)) {
                review.map(scoring -> scoring.justifications().get(criterion)).filter(text -> !text.isBlank())
                        .ifPresent(text -> justifications.add(text.strip()));
            }
            lines.add(new Line(criterion, decided.of(criterion), justifications));
        }
        return Optional.of(new DecisionScores(lines, decided.total(), consensus.map(Review::remarks).orElse(null)));
    }

    private static Optional<Review> ofKind(List<Review> scorings, ReviewKind kind) {
        return scorings.stream().filter(review -> review.kind() == kind).reduce((first, later) -> later);
    }
}
