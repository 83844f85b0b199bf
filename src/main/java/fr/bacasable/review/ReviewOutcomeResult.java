package fr.bacasable.review;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code ReviewOutcomeDecision} returns, as DESIGN.md states its contract. Each component is an
 * output of the same name; the decision contract test compares this record with the table.
 */
public record ReviewOutcomeResult(Recommendation reviewRecommendation, String rejectionReason) {

    public static final String DECISION_KEY = "ReviewOutcomeDecision";
    public static final String REVIEW_RECOMMENDATION = "reviewRecommendation";
    public static final String REJECTION_REASON = "rejectionReason";

    /** The variables the decision reads: the final score of each {@link Criterion}. */
    public static final Map<String, Class<?>> INPUTS = Arrays.stream(Criterion.values())
            .collect(Collectors.toUnmodifiableMap(Criterion::field, criterion -> Double.class));

    public enum Recommendation {
        SHORTLIST, REJECT
    }

    /** From the result variable of a business rule task that maps the decision result as {@code singleResult}. */
    public static ReviewOutcomeResult from(Map<String, Object> singleResult) {
        String recommendation = (String) singleResult.get(REVIEW_RECOMMENDATION);
        return new ReviewOutcomeResult(recommendation == null ? null : Recommendation.valueOf(recommendation),
                (String) singleResult.get(REJECTION_REASON));
    }

    public boolean shortlisted() {
        return reviewRecommendation == Recommendation.SHORTLIST;
    }
}
