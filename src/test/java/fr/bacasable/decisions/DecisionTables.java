package fr.bacasable.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * Loads the decisions of {@code processes/<decision id>.dmn} into a standalone DMN engine and evaluates
 * them as the process engine does when a decision is evaluated by key.
 */
final class DecisionTables {

    private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        .buildEngine();

    private DecisionTables() {
    }

    /** Parses the decision {@code decisionId} (with the decisions it requires) from its own file. */
    static DmnDecision load(String decisionId) {
        try (InputStream dmn = open(decisionId)) {
            return ENGINE.parseDecision(decisionId, dmn);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Evaluates the decision and returns its only result row, after checking that there is exactly one
     * row and that it holds exactly the given outputs.
     */
    static Map<String, Object> evaluateSingleRow(DmnDecision decision, Map<String, Object> variables,
            String... outputNames) {
        DmnDecisionResult result = ENGINE.evaluateDecision(decision, variables);
        assertThat(result).as("result rows of %s for %s", decision.getKey(), variables).hasSize(1);
        Map<String, Object> row = result.getSingleResult().getEntryMap();
        assertThat(row).as("outputs of %s for %s", decision.getKey(), variables).containsOnlyKeys(outputNames);
        return row;
    }

    /**
     * Checks that every decision of the file has a {@code camunda:historyTimeToLive}: the process engine
     * refuses to deploy a decision without one.
     */
    static void assertEveryDecisionHasHistoryTimeToLive(String decisionId) {
        assertThat(readModel(decisionId).getModelElementsByType(Decision.class)).isNotEmpty()
            .allSatisfy(decision -> assertThat(decision.getCamundaHistoryTimeToLiveString())
                .as("historyTimeToLive of %s", decision.getId())
                .isNotBlank());
    }

    /** The model of {@code processes/<decision id>.dmn}, as Camunda Modeler shows it. */
    static DmnModelInstance readModel(String decisionId) {
        try (InputStream dmn = open(decisionId)) {
            return Dmn.readModelFromStream(dmn);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static InputStream open(String decisionId) {
        String resource = "processes/" + decisionId + ".dmn";
        InputStream dmn = DecisionTables.class.getClassLoader().getResourceAsStream(resource);
        assertThat(dmn).as("%s on the classpath", resource).isNotNull();
        return dmn;
    }

}
