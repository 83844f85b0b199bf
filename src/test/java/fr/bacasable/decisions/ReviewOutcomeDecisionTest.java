package fr.bacasable.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReviewOutcomeDecisionTest {

    private static final String DECISION_ID = "ReviewOutcomeDecision";

    private static final DmnDecision DECISION = DecisionTables.load(DECISION_ID);

    private static final String RELEVANCE_TOO_LOW = "La note moyenne attribuée à la pertinence de l'usage de l'IA "
            + "pour le service public est inférieure au seuil de 3 sur 5.";

    private static final String IMPACT_TOO_LOW = "La note moyenne attribuée à l'impact et au potentiel de "
            + "généralisation du projet est inférieure au seuil de 3 sur 5.";

    private static final String TOTAL_TOO_LOW = "La note totale du projet est inférieure au seuil de 13 sur 20.";

    /** Scores around the thresholds, for the combinations test. */
    private static final double[] SCORES = { 0, 2, 2.5, 3, 3.5, 4, 5 };

    @ParameterizedTest(name = "[{index}] {0} / {1} / {2} / {3} is shortlisted")
    @CsvSource(textBlock = """
            # the total at exactly 13
            3,   3,   3,   4
            3,   3.5, 3,   3.5
            4,   3,   3,   3
            # each criterion at exactly 3
            3,   5,   5,   5
            5,   3,   5,   5
            5,   5,   3,   5
            5,   5,   5,   3
            # all 5s
            5,   5,   5,   5
            """)
    void shortlistedWhenEveryCriterionReaches3AndTheTotal13(double relevanceScore, double dataProtectionInterestScore,
            double qualityScore, double impactScore) {
        Map<String, Object> result = evaluate(relevanceScore, dataProtectionInterestScore, qualityScore, impactScore);

        assertThat(result).containsEntry("reviewRecommendation", "SHORTLIST").containsEntry("rejectionReason", null);
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} / {2} / {3} is rejected")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # each criterion failing alone (2.5 or 0), the total above 13
            2.5 | 5   | 5   | 5   | La note moyenne attribuée à la pertinence de l'usage de l'IA pour le service public est inférieure au seuil de 3 sur 5.
            5   | 2.5 | 5   | 5   | La note moyenne attribuée à l'intérêt du projet pour la protection des données est inférieure au seuil de 3 sur 5.
            5   | 5   | 2.5 | 5   | La note moyenne attribuée à la qualité technique et juridique du projet est inférieure au seuil de 3 sur 5.
            5   | 5   | 5   | 2.5 | La note moyenne attribuée à l'impact et au potentiel de généralisation du projet est inférieure au seuil de 3 sur 5.
            5   | 5   | 5   | 0   | La note moyenne attribuée à l'impact et au potentiel de généralisation du projet est inférieure au seuil de 3 sur 5.
            # every criterion at 3 or more, the total under 13
            3   | 3   | 3   | 3.5 | La note totale du projet est inférieure au seuil de 13 sur 20.
            3   | 3   | 3   | 3   | La note totale du projet est inférieure au seuil de 13 sur 20.
            """)
    void rejectedWithTheThresholdThatFailed(double relevanceScore, double dataProtectionInterestScore,
            double qualityScore, double impactScore, String expectedReason) {
        Map<String, Object> result = evaluate(relevanceScore, dataProtectionInterestScore, qualityScore, impactScore);

        assertThat(result).containsEntry("reviewRecommendation", "REJECT")
            .containsEntry("rejectionReason", expectedReason);
    }

    @Test
    void withSeveralThresholdsFailedTheFirstRuleGivesTheReason() {
        assertThat(evaluate(2, 2, 2, 2)).containsEntry("rejectionReason", RELEVANCE_TOO_LOW);
        assertThat(evaluate(3, 3, 3, 2.5)).containsEntry("rejectionReason", IMPACT_TOO_LOW);
    }

    @Test
    void wholeScoresSubmittedAsIntegersAreAccepted() {
        Map<String, Object> shortlisted = DecisionTables.evaluateSingleRow(DECISION,
                Map.of("relevanceScore", 4, "dataProtectionInterestScore", 3, "qualityScore", 3, "impactScore", 3),
                "reviewRecommendation", "rejectionReason");
        Map<String, Object> rejected = DecisionTables.evaluateSingleRow(DECISION,
                Map.of("relevanceScore", 3, "dataProtectionInterestScore", 3, "qualityScore", 3, "impactScore", 3),
                "reviewRecommendation", "rejectionReason");

        assertThat(shortlisted).containsEntry("reviewRecommendation", "SHORTLIST");
        assertThat(rejected).containsEntry("reviewRecommendation", "REJECT")
            .containsEntry("rejectionReason", TOTAL_TOO_LOW);
    }

    /**
     * Every combination of scores around the thresholds (the engine evaluates about 2,000 decisions a second,
     * so all 14,641 half-point combinations would slow the build for nothing).
     */
    @Test
    void everyCombinationOfScoresAroundTheThresholdsGivesOneResult() {
        for (double relevance : SCORES) {
            for (double dataProtectionInterest : SCORES) {
                for (double quality : SCORES) {
                    for (double impact : SCORES) {
                        boolean expectedShortlist = relevance >= 3 && dataProtectionInterest >= 3 && quality >= 3
                                && impact >= 3 && relevance + dataProtectionInterest + quality + impact >= 13;

                        Map<String, Object> result = evaluate(relevance, dataProtectionInterest, quality, impact);

                        String scores = "%s / %s / %s / %s".formatted(relevance, dataProtectionInterest, quality,
                                impact);
                        if (expectedShortlist) {
                            assertThat(result).as(scores)
                                .containsEntry("reviewRecommendation", "SHORTLIST")
                                .containsEntry("rejectionReason", null);
                        }
                        else {
                            assertThat(result).as(scores).containsEntry("reviewRecommendation", "REJECT");
                            assertThat((String) result.get("rejectionReason")).as(scores).isNotBlank();
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

    private static Map<String, Object> evaluate(double relevanceScore, double dataProtectionInterestScore,
            double qualityScore, double impactScore) {
        return DecisionTables.evaluateSingleRow(DECISION,
                Map.of("relevanceScore", relevanceScore, "dataProtectionInterestScore", dataProtectionInterestScore,
                        "qualityScore", qualityScore, "impactScore", impactScore),
                "reviewRecommendation", "rejectionReason");
    }

}
