package fr.bacasable.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AiActRiskDecisionTest {

    private static final String DECISION_ID = "AiActRiskDecision";

    private static final DmnDecision DECISION = DecisionTables.load(DECISION_ID);

    private static final List<String> PROHIBITED_PRACTICES = List.of("NONE", "SOCIAL_SCORING", "MANIPULATION",
            "EXPLOITING_VULNERABILITIES", "CRIME_PREDICTION_PROFILING", "FACIAL_SCRAPING",
            "EMOTION_RECOGNITION_WORK_EDUCATION", "BIOMETRIC_CATEGORISATION_SENSITIVE",
            "REALTIME_REMOTE_BIOMETRIC_ID");

    private static final List<String> ANNEX_III_AREAS = List.of("NONE", "BIOMETRICS", "CRITICAL_INFRASTRUCTURE",
            "EDUCATION", "EMPLOYMENT", "ESSENTIAL_SERVICES", "LAW_ENFORCEMENT", "MIGRATION_BORDER",
            "JUSTICE_DEMOCRACY");

    private static final String[] FLAGS = { "narrowProceduralTask", "profilesNaturalPersons", "interactsWithPersons",
            "generatesSyntheticContent", "emotionRecognitionOrBiometricCategorisation", "deployerIsPublicBody" };

    @ParameterizedTest(name = "{0} is prohibited")
    @ValueSource(strings = { "SOCIAL_SCORING", "MANIPULATION", "EXPLOITING_VULNERABILITIES",
            "CRIME_PREDICTION_PROFILING", "FACIAL_SCRAPING", "EMOTION_RECOGNITION_WORK_EDUCATION",
            "BIOMETRIC_CATEGORISATION_SENSITIVE", "REALTIME_REMOTE_BIOMETRIC_ID" })
    void eachProhibitedPracticeIsProhibitedWhateverTheOtherFacts(String prohibitedPractice) {
        Map<String, Object> result = evaluate(
                facts(prohibitedPractice, "LAW_ENFORCEMENT").profiling().interacting().publicDeployer());

        assertThat(result).containsEntry("aiActRiskLevel", "PROHIBITED")
            .containsEntry("fundamentalRightsImpactAssessmentRequired", false);
    }

    @ParameterizedTest(name = "[{index}] {0}, derogation={1}, profiling={2}, public deployer={3} -> {4}, FRIA={5}")
    @CsvSource(delimiter = '|', textBlock = """
            # no derogation claimed: high risk, FRIA only with a public deployer
            EMPLOYMENT              | false | false | true  | HIGH_RISK | true
            EMPLOYMENT              | false | false | false | HIGH_RISK | false
            EMPLOYMENT              | false | true  | true  | HIGH_RISK | true
            # derogation claimed: it does not hold with profiling
            EMPLOYMENT              | true  | true  | true  | HIGH_RISK | true
            EMPLOYMENT              | true  | true  | false | HIGH_RISK | false
            EMPLOYMENT              | true  | false | true  | MINIMAL   | false
            # critical infrastructure: high risk, never a FRIA
            CRITICAL_INFRASTRUCTURE | false | false | true  | HIGH_RISK | false
            CRITICAL_INFRASTRUCTURE | true  | true  | true  | HIGH_RISK | false
            CRITICAL_INFRASTRUCTURE | false | false | false | HIGH_RISK | false
            CRITICAL_INFRASTRUCTURE | true  | false | true  | MINIMAL   | false
            # outside Annex III
            NONE                    | false | true  | true  | MINIMAL   | false
            """)
    void highRiskDependsOnTheAreaTheDerogationAndProfiling(String annexIiiArea, boolean narrowProceduralTask,
            boolean profilesNaturalPersons, boolean deployerIsPublicBody, String expectedRiskLevel,
            boolean expectedFria) {
        Facts facts = facts("NONE", annexIiiArea).with("narrowProceduralTask", narrowProceduralTask)
            .with("profilesNaturalPersons", profilesNaturalPersons)
            .with("deployerIsPublicBody", deployerIsPublicBody);

        Map<String, Object> result = evaluate(facts);

        assertThat(result).containsEntry("aiActRiskLevel", expectedRiskLevel)
            .containsEntry("fundamentalRightsImpactAssessmentRequired", expectedFria);
    }

    @ParameterizedTest(name = "{0} needs a FRIA with a public deployer only")
    @ValueSource(strings = { "BIOMETRICS", "EDUCATION", "EMPLOYMENT", "ESSENTIAL_SERVICES", "LAW_ENFORCEMENT",
            "MIGRATION_BORDER", "JUSTICE_DEMOCRACY" })
    void everyAnnexIiiAreaButCriticalInfrastructureNeedsAFriaOnlyWithAPublicDeployer(String annexIiiArea) {
        assertThat(evaluate(facts("NONE", annexIiiArea).publicDeployer()))
            .containsEntry("aiActRiskLevel", "HIGH_RISK")
            .containsEntry("fundamentalRightsImpactAssessmentRequired", true);
        assertThat(evaluate(facts("NONE", annexIiiArea))).containsEntry("aiActRiskLevel", "HIGH_RISK")
            .containsEntry("fundamentalRightsImpactAssessmentRequired", false);
    }

    @Test
    void highRiskPrevailsOverTransparency() {
        Map<String, Object> result = evaluate(
                facts("NONE", "EDUCATION").interacting().with("generatesSyntheticContent", true));

        assertThat(result).containsEntry("aiActRiskLevel", "HIGH_RISK");
    }

    @ParameterizedTest(name = "{0} triggers transparency")
    @ValueSource(strings = { "interactsWithPersons", "generatesSyntheticContent",
            "emotionRecognitionOrBiometricCategorisation" })
    void eachTransparencyTriggerAlone(String trigger) {
        Map<String, Object> result = evaluate(facts("NONE", "NONE").with(trigger, true).publicDeployer());

        assertThat(result).containsEntry("aiActRiskLevel", "TRANSPARENCY")
            .containsEntry("fundamentalRightsImpactAssessmentRequired", false);
    }

    @Test
    void annexIiiAreaWithAValidDerogationFallsBackToTransparency() {
        Map<String, Object> result = evaluate(
                facts("NONE", "ESSENTIAL_SERVICES").with("narrowProceduralTask", true).interacting().publicDeployer());

        assertThat(result).containsEntry("aiActRiskLevel", "TRANSPARENCY")
            .containsEntry("fundamentalRightsImpactAssessmentRequired", false);
    }

    @Test
    void minimalWhenNothingApplies() {
        Map<String, Object> result = evaluate(facts("NONE", "NONE").publicDeployer());

        assertThat(result).containsEntry("aiActRiskLevel", "MINIMAL")
            .containsEntry("fundamentalRightsImpactAssessmentRequired", false);
    }

    /**
     * Every area with every combination of the six booleans, without a prohibited practice; and every
     * prohibited practice in every area with the booleans all false or all true (the engine evaluates about
     * 500 decisions a second, so the full product of 5,184 combinations would slow the build for nothing).
     */
    @Test
    void everyAreaAndFlagCombinationFollowsTheContract() {
        int allFlags = (1 << FLAGS.length) - 1;
        for (String prohibitedPractice : PROHIBITED_PRACTICES) {
            int[] flagMasks = "NONE".equals(prohibitedPractice) ? IntStream.rangeClosed(0, allFlags).toArray()
                    : new int[] { 0, allFlags };
            for (String annexIiiArea : ANNEX_III_AREAS) {
                for (int flagMask : flagMasks) {
                    assertMatchesTheContract(facts(prohibitedPractice, annexIiiArea), flagMask);
                }
            }
        }
    }

    @Test
    void everyDecisionHasHistoryTimeToLive() {
        DecisionTables.assertEveryDecisionHasHistoryTimeToLive(DECISION_ID);
    }

    private static void assertMatchesTheContract(Facts facts, int flagMask) {
        for (int i = 0; i < FLAGS.length; i++) {
            facts.with(FLAGS[i], (flagMask & 1 << i) != 0);
        }

        Map<String, Object> result = evaluate(facts);

        assertThat(result).as("%s", facts.variables)
            .containsEntry("aiActRiskLevel", expectedRiskLevel(facts.variables))
            .containsEntry("fundamentalRightsImpactAssessmentRequired", expectedFria(facts.variables));
    }

    /** The contract, written out independently of the table. */
    private static String expectedRiskLevel(Map<String, Object> facts) {
        if (!"NONE".equals(facts.get("prohibitedPractice"))) {
            return "PROHIBITED";
        }
        if (!"NONE".equals(facts.get("annexIiiArea"))
                && (!isTrue(facts, "narrowProceduralTask") || isTrue(facts, "profilesNaturalPersons"))) {
            return "HIGH_RISK";
        }
        if (isTrue(facts, "interactsWithPersons") || isTrue(facts, "generatesSyntheticContent")
                || isTrue(facts, "emotionRecognitionOrBiometricCategorisation")) {
            return "TRANSPARENCY";
        }
        return "MINIMAL";
    }

    private static boolean expectedFria(Map<String, Object> facts) {
        return "HIGH_RISK".equals(expectedRiskLevel(facts)) && isTrue(facts, "deployerIsPublicBody")
                && !"CRITICAL_INFRASTRUCTURE".equals(facts.get("annexIiiArea"));
    }

    private static boolean isTrue(Map<String, Object> facts, String flag) {
        return Boolean.TRUE.equals(facts.get(flag));
    }

    private static Map<String, Object> evaluate(Facts facts) {
        return DecisionTables.evaluateSingleRow(DECISION, facts.variables, "aiActRiskLevel",
                "fundamentalRightsImpactAssessmentRequired");
    }

    /** The eight contract inputs, every boolean false unless set. */
    private static Facts facts(String prohibitedPractice, String annexIiiArea) {
        return new Facts(prohibitedPractice, annexIiiArea);
    }

    private static final class Facts {

        private final Map<String, Object> variables = new HashMap<>();

        private Facts(String prohibitedPractice, String annexIiiArea) {
            variables.put("prohibitedPractice", prohibitedPractice);
            variables.put("annexIiiArea", annexIiiArea);
            for (String flag : FLAGS) {
                variables.put(flag, false);
            }
        }

        Facts with(String flag, boolean value) {
            assertThat(FLAGS).as("known flags").contains(flag);
            variables.put(flag, value);
            return this;
        }

        Facts profiling() {
            return with("profilesNaturalPersons", true);
        }

        Facts interacting() {
            return with("interactsWithPersons", true);
        }

        Facts publicDeployer() {
            return with("deployerIsPublicBody", true);
        }

    }

}
