package fr.bacasable.application;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code DpiaRequirementDecision} returns, as DESIGN.md states its contract. Each component is
 * an output of the same name; the decision contract test compares this record with the table.
 */
public record DpiaRequirementResult(int dpiaCriteriaMet, Requirement dpiaRequirement) {

    public static final String DECISION_KEY = "DpiaRequirementDecision";
    public static final String DPIA_CRITERIA_MET = "dpiaCriteriaMet";
    public static final String DPIA_REQUIREMENT = "dpiaRequirement";

    /** The variables the decision reads: the answer to each {@link DpiaCriterion}. */
    public static final Map<String, Class<?>> INPUTS = Arrays.stream(DpiaCriterion.values())
            .collect(Collectors.toUnmodifiableMap(DpiaCriterion::field, criterion -> Boolean.class));

    public enum Requirement {
        REQUIRED, TO_ASSESS, NOT_REQUIRED
    }

    /** From the result variable of a business rule task that maps the decision result as {@code singleResult}. */
    public static DpiaRequirementResult from(Map<String, Object> singleResult) {
        String requirement = (String) singleResult.get(DPIA_REQUIREMENT);
        return new DpiaRequirementResult(((Number) singleResult.get(DPIA_CRITERIA_MET)).intValue(),
                requirement == null ? null : Requirement.valueOf(requirement));
    }
}
