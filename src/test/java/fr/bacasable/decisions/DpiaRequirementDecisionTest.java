package fr.bacasable.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DpiaRequirementDecisionTest {

    private static final String DECISION_ID = "DpiaRequirementDecision";

    private static final DmnDecision DECISION = DecisionTables.load(DECISION_ID);

    /** The nine EDPB/CNIL criteria, in the order of the contract. */
    private static final List<String> CRITERIA = List.of("evaluationOrScoring", "automatedDecisionWithLegalEffect",
            "systematicMonitoring", "sensitiveData", "largeScale", "datasetMatching", "vulnerablePersons",
            "innovativeTechnology", "preventsRightOrService");

    @ParameterizedTest(name = "on the CNIL list={0}, criteria=[{1}] -> {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            false |                                                 | 0 | NOT_REQUIRED
            false | evaluationOrScoring                             | 1 | TO_ASSESS
            false | preventsRightOrService                          | 1 | TO_ASSESS
            false | sensitiveData vulnerablePersons                 | 2 | REQUIRED
            false | largeScale datasetMatching systematicMonitoring | 3 | REQUIRED
            true  |                                                 | 0 | REQUIRED
            true  | innovativeTechnology                            | 1 | REQUIRED
            true  | sensitiveData largeScale                        | 2 | REQUIRED
            """)
    void requirementFollowsTheListAndTheNumberOfCriteria(boolean onCnilMandatoryList, String criteriaMet,
            int expectedCount, String expectedRequirement) {
        Set<String> met = criteriaMet == null ? Set.of() : Set.of(criteriaMet.trim().split("\\s+"));

        Map<String, Object> result = evaluate(onCnilMandatoryList, met);

        assertThat(result).containsEntry("dpiaCriteriaMet", expectedCount)
            .containsEntry("dpiaRequirement", expectedRequirement);
    }

    @ParameterizedTest(name = "{0} alone is one criterion")
    @MethodSource("criteria")
    void eachCriterionAloneCountsOnce(String criterion) {
        Map<String, Object> result = evaluate(false, Set.of(criterion));

        assertThat(result).containsEntry("dpiaCriteriaMet", 1).containsEntry("dpiaRequirement", "TO_ASSESS");
    }

    @Test
    void allNineCriteria() {
        Map<String, Object> result = evaluate(false, Set.copyOf(CRITERIA));

        assertThat(result).containsEntry("dpiaCriteriaMet", 9).containsEntry("dpiaRequirement", "REQUIRED");
    }

    @Test
    void everyCombinationOfContractValuesGivesOneResult() {
        for (boolean onCnilMandatoryList : new boolean[] { false, true }) {
            for (int mask = 0; mask < 1 << CRITERIA.size(); mask++) {
                int bits = mask;
                Set<String> met = CRITERIA.stream()
                    .filter(criterion -> (bits & 1 << CRITERIA.indexOf(criterion)) != 0)
                    .collect(Collectors.toSet());
                int count = met.size();
                String expectedRequirement = onCnilMandatoryList || count >= 2 ? "REQUIRED"
                        : count == 1 ? "TO_ASSESS" : "NOT_REQUIRED";

                Map<String, Object> result = evaluate(onCnilMandatoryList, met);

                assertThat(result).as("list=%s, criteria=%s", onCnilMandatoryList, met)
                    .containsEntry("dpiaCriteriaMet", count)
                    .containsEntry("dpiaRequirement", expectedRequirement);
            }
        }
    }

    @Test
    void everyDecisionHasHistoryTimeToLive() {
        DecisionTables.assertEveryDecisionHasHistoryTimeToLive(DECISION_ID);
    }

    static List<String> criteria() {
        return CRITERIA;
    }

    /** Evaluates the decision with exactly the ten contract inputs: the given criteria true, the others false. */
    private static Map<String, Object> evaluate(boolean onCnilMandatoryList, Set<String> criteriaMet) {
        assertThat(CRITERIA).as("known criteria").containsAll(criteriaMet);
        Map<String, Object> variables = new HashMap<>();
        CRITERIA.forEach(criterion -> variables.put(criterion, criteriaMet.contains(criterion)));
        variables.put("onCnilMandatoryList", onCnilMandatoryList);
        return DecisionTables.evaluateSingleRow(DECISION, variables, "dpiaCriteriaMet", "dpiaRequirement");
    }

}
