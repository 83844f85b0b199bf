package fr.bacasable.application;

import static fr.bacasable.application.ApplicationReviewVariables.ANNEX_III_AREA;
import static fr.bacasable.application.ApplicationReviewVariables.PROHIBITED_PRACTICE;

import java.util.HashMap;
import java.util.Map;

/**
 * What {@code AiActRiskDecision} returns, as DESIGN.md states its contract. Each component is an
 * output of the same name; the decision contract test compares this record with the table.
 */
public record AiActRiskResult(RiskLevel aiActRiskLevel, boolean fundamentalRightsImpactAssessmentRequired) {

    public static final String DECISION_KEY = "AiActRiskDecision";
    public static final String AI_ACT_RISK_LEVEL = "aiActRiskLevel";
    public static final String FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT_REQUIRED =
            "fundamentalRightsImpactAssessmentRequired";

    /** The variables the decision reads, by type: the two choices, then each {@link AiActQuestion}. */
    public static final Map<String, Class<?>> INPUTS = inputs();

    public enum RiskLevel {
        PROHIBITED, HIGH_RISK, TRANSPARENCY, MINIMAL
    }

    /** From the result variable of a business rule task that maps the decision result as {@code singleResult}. */
    public static AiActRiskResult from(Map<String, Object> singleResult) {
        String level = (String) singleResult.get(AI_ACT_RISK_LEVEL);
        return new AiActRiskResult(level == null ? null : RiskLevel.valueOf(level),
                Boolean.TRUE.equals(singleResult.get(FUNDAMENTAL_RIGHTS_IMPACT_ASSESSMENT_REQUIRED)));
    }

    private static Map<String, Class<?>> inputs() {
        Map<String, Class<?>> inputs = new HashMap<>();
        inputs.put(PROHIBITED_PRACTICE, ProhibitedPractice.class);
        inputs.put(ANNEX_III_AREA, AnnexIiiArea.class);
        for (AiActQuestion question : AiActQuestion.values()) {
            inputs.put(question.field(), Boolean.class);
        }
        return Map.copyOf(inputs);
    }
}
