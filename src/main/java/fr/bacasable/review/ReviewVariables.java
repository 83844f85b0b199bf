package fr.bacasable.review;

import java.util.Locale;

/**
 * The review's variables in {@code ApplicationReviewProcess}. Each review form has its own field
 * prefix ({@code legal}, {@code technical}, {@code consensus}), so two reviewers submitting at the
 * same time never write the same variables.
 */
public final class ReviewVariables {

    /** Each review's deadline and escalation date, after its prefix: {@code legalReviewDueAt}, ... */
    public static final String REVIEW_DUE_AT = "ReviewDueAt";
    public static final String REVIEW_ESCALATION_AT = "ReviewEscalationAt";
    /** Set by each review step for the gateway after it: {@code legalConflictDeclared}, {@code technicalConflictDeclared}. */
    public static final String CONFLICT_DECLARED = "ConflictDeclared";
    public static final String REVIEWS_DIVERGE = "reviewsDiverge";
    /** Markdown table of both scorings, shown by the consensus form. */
    public static final String REVIEW_COMPARISON = "reviewComparison";

    public static final String CONFLICT_FIELD = "ConflictOfInterest";
    public static final String CONFLICT_DETAILS_FIELD = "ConflictDetails";
    public static final String REMARKS_FIELD = "Remarks";
    public static final String REASON_FIELD = "Reason";

    private ReviewVariables() {
    }

    /** The form field of a review kind, e.g. {@code legalRelevanceScore}. */
    public static String field(ReviewKind kind, String name) {
        return kind.name().toLowerCase(Locale.ROOT) + Character.toUpperCase(name.charAt(0))
                + name.substring(1);
    }
}
