package fr.bacasable.review;

import java.util.Locale;

/**
 * The variables of {@code ReviewProcess}, named once. An application's process calls it once the file is
 * complete, under the application's business key (the reference), and reads back the review's outcome and
 * final scores. Each review form has its own field prefix ({@code legal}, {@code technical},
 * {@code consensus}), so two reviewers submitting at the same time never write the same variables.
 */
public final class ReviewVariables {

    public static final String PROCESS_KEY = "ReviewProcess";

    /** Passed in by the application's process. */
    public static final String APPLICATION_ID = "applicationId";
    public static final String CAMPAIGN_ID = "campaignId";
    /** ReviewOutcomeDecision's result, recorded on the application by the last step. */
    public static final String REVIEW_OUTCOME = "reviewOutcome";

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
