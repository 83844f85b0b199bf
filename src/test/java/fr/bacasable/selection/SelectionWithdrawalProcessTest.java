package fr.bacasable.selection;

import static fr.bacasable.selection.SelectionWithdrawalVariables.APPLICATION_ID;
import static fr.bacasable.selection.SelectionWithdrawalVariables.LAUREATE_PLACE_FREED;
import static fr.bacasable.selection.SelectionWithdrawalVariables.PROCESS_KEY;
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
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code SelectionWithdrawalProcess} as an application's withdrawal calls it, with its Spring delegates
 * replaced by lambdas that record which task called them and say whether a laureate's place was freed.
 */
@Deployment(resources = "processes/SelectionWithdrawalProcess.bpmn")
class SelectionWithdrawalProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private final List<String> steps = new ArrayList<>();
    private boolean laureatePlaceFreed;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        Mocks.register("releaseSelectionPlace", ProcessJobs.recording(steps,
                execution -> execution.setVariable(LAUREATE_PLACE_FREED, laureatePlaceFreed)));
        Mocks.register("promoteFirstReserve", ProcessJobs.recording(steps, execution -> { }));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
    }

    @Test
    void aWithdrawalThatFreesNoLaureatesPlaceEndsAtOnce() {
        ProcessInstance withdrawal = start();

        assertThat(withdrawal).isEnded().hasPassedInOrder("Task_ReleaseSelectionPlace", "EndEvent_PlaceReleased")
                .hasNotPassed("Task_PromoteFirstReserve");
        Assertions.assertThat(steps).containsExactly("Task_ReleaseSelectionPlace");
    }

    @Test
    void aLaureatesPlaceFreedGoesToTheFirstReserveInAStepOfItsOwnRetriedOnTheStepsSchedule() {
        laureatePlaceFreed = true;
        ProcessInstance withdrawal = start();

        assertThat(withdrawal).hasPassed("Task_ReleaseSelectionPlace").isWaitingAt("Task_PromoteFirstReserve");
        Job promotion = job("Task_PromoteFirstReserve", withdrawal);
        Assertions.assertThat(promotion.getRetries()).as("a first try, then one per retry interval").isEqualTo(5);

        execute(promotion);

        assertThat(withdrawal).isEnded().hasPassedInOrder("Task_ReleaseSelectionPlace", "Task_PromoteFirstReserve",
                "EndEvent_PlaceReleased");
        Assertions.assertThat(RetrySchedules.of(repositoryService().getBpmnModelInstance(withdrawal.getProcessDefinitionId())))
                .isEqualTo(Map.of("Task_PromoteFirstReserve", "PT10S,PT1M,PT5M,PT30M"));
    }

    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, "BAS-2025-0001",
                Map.of(APPLICATION_ID, "application-1"));
    }
}
