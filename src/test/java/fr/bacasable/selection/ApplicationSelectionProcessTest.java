package fr.bacasable.selection;

import static fr.bacasable.selection.ApplicationSelectionVariables.APPLICATION_ID;
import static fr.bacasable.selection.ApplicationSelectionVariables.MESSAGE_RESERVE_PROMOTED;
import static fr.bacasable.selection.ApplicationSelectionVariables.MESSAGE_SELECTION_DECIDED;
import static fr.bacasable.selection.ApplicationSelectionVariables.PROCESS_KEY;
import static fr.bacasable.selection.ApplicationSelectionVariables.SELECTION_OUTCOME;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import fr.bacasable.ProcessJobs;
import fr.bacasable.ProcessTestEngine;
import fr.bacasable.RetrySchedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ApplicationSelectionProcess} as an application's process calls it, with its Spring delegates replaced
 * by lambdas that record which task called them and set what the real steps set.
 */
@Deployment(resources = "processes/ApplicationSelectionProcess.bpmn")
class ApplicationSelectionProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private static final String BUSINESS_KEY = "BAS-2025-0001";

    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        Mocks.register("recordSelectionOutcome", ProcessJobs.recording(steps, execution -> { }));
        Mocks.register("recordPromotion", ProcessJobs.recording(steps,
                execution -> execution.setVariable(SELECTION_OUTCOME, Outcome.LAUREATE.name())));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = "RESERVE", mode = EnumSource.Mode.EXCLUDE)
    void theOutcomeIsRecordedInAJobOfItsOwnThenTheProcessEndsWithIt(Outcome outcome) {
        ProcessInstance selection = start();
        assertThat(selection).isWaitingAtExactly("Task_AwaitSelection");

        decided(outcome);

        assertThat(selection).hasPassed("Task_AwaitSelection").hasNotPassed("Task_RecordSelectionOutcome");
        execute(job("Task_AwaitSelection", selection));
        assertThat(selection).isEnded().hasPassedInOrder("Task_RecordSelectionOutcome", "EndEvent_OutcomeRecorded")
                .hasNotPassed("Task_AwaitPromotion");
        Assertions.assertThat(steps).containsExactly("Task_RecordSelectionOutcome");
    }

    @Test
    void aReserveApplicationWaitsForAPlaceThenEndsALaureate() {
        ProcessInstance selection = start();
        decided(Outcome.RESERVE);
        execute(job("Task_AwaitSelection", selection));

        assertThat(selection).isWaitingAtExactly("Task_AwaitPromotion");

        runtimeService().createMessageCorrelation(MESSAGE_RESERVE_PROMOTED).processInstanceBusinessKey(BUSINESS_KEY)
                .correlateWithResult();

        assertThat(selection).isEnded().hasPassedInOrder("Task_RecordPromotion", "EndEvent_Promoted");
        Assertions.assertThat(steps).containsExactly("Task_RecordSelectionOutcome", "Task_RecordPromotion");
    }

    @Test
    void onlyTheRecordingOfTheOutcomeWaitsInAJobAndItHasTheStepsRetrySchedule() {
        var model = repositoryService().getBpmnModelInstance(repositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY).singleResult().getId());

        Assertions.assertThat(RetrySchedules.of(model)).isEqualTo(Map.of("Task_AwaitSelection", "PT10S,PT1M,PT5M,PT30M"));
        Activity awaitSelection = model.getModelElementById("Task_AwaitSelection");
        Assertions.assertThat(awaitSelection.isCamundaAsyncAfter()).as("the outcome is recorded in a job of its own, "
                + "not in the campaign's announcement").isTrue();
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, BUSINESS_KEY, Map.of(APPLICATION_ID, "application-1"));
    }

    /** The campaign's announcement tells the application its outcome. */
    private static void decided(Outcome outcome) {
        runtimeService().createMessageCorrelation(MESSAGE_SELECTION_DECIDED).processInstanceBusinessKey(BUSINESS_KEY)
                .setVariable(SELECTION_OUTCOME, outcome.name()).correlateWithResult();
    }
}
