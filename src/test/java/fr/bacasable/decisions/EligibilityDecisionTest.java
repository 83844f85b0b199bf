package fr.bacasable.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EligibilityDecisionTest {

    private static final String DECISION_ID = "EligibilityDecision";

    private static final DmnDecision DECISION = DecisionTables.load(DECISION_ID);

    private static final List<String> ELIGIBLE_APPLICANT_TYPES = List.of("CENTRAL_ADMINISTRATION",
            "DECONCENTRATED_SERVICE", "LOCAL_AUTHORITY", "PUBLIC_BODY", "PRIVATE_WITH_PUBLIC_PARTNER");

    private static final List<String> APPLICANT_TYPES = Stream
        .concat(ELIGIBLE_APPLICANT_TYPES.stream(), Stream.of("PRIVATE"))
        .toList();

    private static final List<String> ELIGIBLE_STAGES = List.of("DESIGN", "DEVELOPMENT", "PILOT");

    private static final List<String> PROJECT_STAGES = List.of("IDEA", "DESIGN", "DEVELOPMENT", "PILOT",
            "IN_PRODUCTION");

    private static final String NO_AI = "Le projet ne fait pas appel à l'intelligence artificielle.";

    @ParameterizedTest(name = "{0} at stage {1} is eligible")
    @MethodSource("eligibleApplicantTypesAndStages")
    void eligibleForEveryEligibleApplicantTypeAndStage(String applicantType, String projectStage) {
        Map<String, Object> result = evaluate(applicantType, true, true, projectStage);

        assertThat(result).containsEntry("eligible", true).containsEntry("ineligibilityReason", null);
    }

    @ParameterizedTest(name = "[{index}] {0}, usesAi={1}, personal data={2}, {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            PUBLIC_BODY     | false | true  | DEVELOPMENT   | Le projet ne fait pas appel à l'intelligence artificielle.
            LOCAL_AUTHORITY | true  | false | PILOT         | Le projet ne traite pas de données personnelles.
            PRIVATE         | true  | true  | DEVELOPMENT   | Un organisme privé ne peut candidater qu'en partenariat avec un acteur public.
            PUBLIC_BODY     | true  | true  | IDEA          | Le projet n'est encore qu'une idée, alors que le bac à sable accompagne des projets en cours de conception, de développement ou d'expérimentation.
            PUBLIC_BODY     | true  | true  | IN_PRODUCTION | Le projet est déjà en production, alors que le bac à sable accompagne des projets en cours de conception, de développement ou d'expérimentation.
            """)
    void ineligibleForEachCauseAlone(String applicantType, boolean usesAi, boolean processesPersonalData,
            String projectStage, String expectedReason) {
        Map<String, Object> result = evaluate(applicantType, usesAi, processesPersonalData, projectStage);

        assertThat(result).containsEntry("eligible", false).containsEntry("ineligibilityReason", expectedReason);
    }

    @Test
    void privateApplicantWithAPublicPartnerIsEligible() {
        assertThat(evaluate("PRIVATE_WITH_PUBLIC_PARTNER", true, true, "DESIGN")).containsEntry("eligible", true);
    }

    @Test
    void withSeveralCausesTheFirstRuleGivesTheReason() {
        Map<String, Object> result = evaluate("PRIVATE", false, false, "IDEA");

        assertThat(result).containsEntry("eligible", false).containsEntry("ineligibilityReason", NO_AI);
    }

    @Test
    void everyCombinationOfContractValuesGivesOneResult() {
        for (String applicantType : APPLICANT_TYPES) {
            for (boolean usesAi : new boolean[] { true, false }) {
                for (boolean processesPersonalData : new boolean[] { true, false }) {
                    for (String projectStage : PROJECT_STAGES) {
                        boolean expectedEligible = ELIGIBLE_APPLICANT_TYPES.contains(applicantType) && usesAi
                                && processesPersonalData && ELIGIBLE_STAGES.contains(projectStage);

                        Map<String, Object> result = evaluate(applicantType, usesAi, processesPersonalData,
                                projectStage);

                        String inputs = String.join(", ", applicantType, String.valueOf(usesAi),
                                String.valueOf(processesPersonalData), projectStage);
                        assertThat(result.get("eligible")).as("eligible for %s", inputs).isEqualTo(expectedEligible);
                        if (expectedEligible) {
                            assertThat(result).as("reason for %s", inputs).containsEntry("ineligibilityReason", null);
                        }
                        else {
                            assertThat((String) result.get("ineligibilityReason")).as("reason for %s", inputs)
                                .isNotBlank();
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyDecisionHasHistoryTimeToLive() {
        DecisionTables.assertEveryDecisionHasHistoryTimeToLive(DECISION_ID);
    }

    static Stream<Arguments> eligibleApplicantTypesAndStages() {
        return ELIGIBLE_APPLICANT_TYPES.stream()
            .flatMap(applicantType -> ELIGIBLE_STAGES.stream().map(stage -> Arguments.of(applicantType, stage)));
    }

    private static Map<String, Object> evaluate(String applicantType, boolean usesAi, boolean processesPersonalData,
            String projectStage) {
        return DecisionTables.evaluateSingleRow(DECISION,
                Map.of("applicantType", applicantType, "usesAi", usesAi, "processesPersonalData",
                        processesPersonalData, "projectStage", projectStage),
                "eligible", "ineligibilityReason");
    }

}
