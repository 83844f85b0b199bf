package fr.bacasable.application;

import static fr.bacasable.application.ApplicationReviewVariables.APPLICANT_TYPE;
import static fr.bacasable.application.ApplicationReviewVariables.PROCESSES_PERSONAL_DATA;
import static fr.bacasable.application.ApplicationReviewVariables.PROJECT_STAGE;
import static fr.bacasable.application.ApplicationReviewVariables.USES_AI;

import java.util.Map;

/**
 * What {@code EligibilityDecision} returns, as DESIGN.md states its contract. Each component is an
 * output of the same name; the decision contract test compares this record with the table.
 */
public record EligibilityResult(boolean eligible, String ineligibilityReason) {

    public static final String DECISION_KEY = "EligibilityDecision";
    public static final String ELIGIBLE = "eligible";
    public static final String INELIGIBILITY_REASON = "ineligibilityReason";

    /** The variables the decision reads, by type; an enum lists the values it may take. */
    public static final Map<String, Class<?>> INPUTS = Map.of(
            APPLICANT_TYPE, ApplicantType.class,
            USES_AI, Boolean.class,
            PROCESSES_PERSONAL_DATA, Boolean.class,
            PROJECT_STAGE, ProjectStage.class);

    /** From the result variable of a business rule task that maps the decision result as {@code singleResult}. */
    public static EligibilityResult from(Map<String, Object> singleResult) {
        return new EligibilityResult(Boolean.TRUE.equals(singleResult.get(ELIGIBLE)),
                (String) singleResult.get(INELIGIBILITY_REASON));
    }
}
