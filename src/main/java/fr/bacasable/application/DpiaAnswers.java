package fr.bacasable.application;

import java.util.LinkedHashMap;
import java.util.Map;

/** The applicant's answers to the DPIA criteria ({@link DpiaCriterion}); null is "not answered". */
public record DpiaAnswers(
        Boolean evaluationOrScoring,
        Boolean automatedDecisionWithLegalEffect,
        Boolean systematicMonitoring,
        Boolean sensitiveData,
        Boolean largeScale,
        Boolean datasetMatching,
        Boolean vulnerablePersons,
        Boolean innovativeTechnology,
        Boolean preventsRightOrService,
        Boolean onCnilMandatoryList) {

    /** The answers by {@link DpiaCriterion#field()}, in the criteria's order: the decision's input variables. */
    public Map<String, Boolean> byField() {
        Boolean[] values = {evaluationOrScoring, automatedDecisionWithLegalEffect, systematicMonitoring,
            sensitiveData, largeScale, datasetMatching, vulnerablePersons, innovativeTechnology,
            preventsRightOrService, onCnilMandatoryList};
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (DpiaCriterion criterion : DpiaCriterion.values()) {
            answers.put(criterion.field(), values[criterion.ordinal()]);
        }
        return answers;
    }
}
