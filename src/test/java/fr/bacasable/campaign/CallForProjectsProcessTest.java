package fr.bacasable.campaign;

import static fr.bacasable.ProcessJobs.activityOf;
import static fr.bacasable.ProcessJobs.timerDueDates;
import static fr.bacasable.campaign.CallForProjectsVariables.CAMPAIGN_ID;
import static fr.bacasable.campaign.CallForProjectsVariables.CLOSES_AT;
import static fr.bacasable.campaign.CallForProjectsVariables.OPENING_DATE_REACHED;
import static fr.bacasable.campaign.CallForProjectsVariables.OPENS_AT;
import static fr.bacasable.campaign.CallForProjectsVariables.PROCESS_KEY;
import static fr.bacasable.campaign.CallForProjectsVariables.REVIEW_DEADLINE;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import fr.bacasable.ProcessJobs;
import fr.bacasable.ProcessTestEngine;
import fr.bacasable.RetrySchedules;
import fr.bacasable.selection.CampaignSelectionVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code CallForProjectsProcess} with its Spring delegates replaced by lambdas that change the process
 * variables as the real steps do and record which task called them, and the selection it calls replaced
 * by a process that records what it was given and waits for a task.
 */
@Deployment(resources = "processes/CallForProjectsProcess.bpmn")
class CallForProjectsProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private static final String STEP_RETRIES = "PT10S,PT1M,PT5M,PT30M";
    private static final String CAMPAIGN = "campaign-1";
    private static final String BUSINESS_KEY = "CAMPAGNE-1";
    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Duration CAMPAIGN_LENGTH = Duration.ofDays(60);
    private static final Instant REVIEW_DEADLINE_AT = NOW.plus(Duration.ofDays(40));
    private static final String SELECTION_STUB_TASK = "Task_SelectionStub";

    /** The tasks whose delegate was called, in order. */
    private final List<String> steps = new ArrayList<>();
    private String selectionDeployment;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(NOW));
        Mocks.register("openCampaign", step(execution -> { }));
        Mocks.register("closeCampaign", step(execution -> execution.setVariable(REVIEW_DEADLINE,
                Date.from(REVIEW_DEADLINE_AT))));
        Mocks.register("selectionStub", step(execution -> { }));
        selectionDeployment = repositoryService().createDeployment()
                .addModelInstance("CampaignSelectionProcess.bpmn", Bpmn.createExecutableProcess(
                                CampaignSelectionVariables.PROCESS_KEY).camundaHistoryTimeToLive(1)
                        .startEvent()
                        .serviceTask("Task_SelectionStubStarted").camundaDelegateExpression("${selectionStub}")
                        .userTask(SELECTION_STUB_TASK)
                        .endEvent()
                        .done())
                .deploy().getId();
    }

    @AfterEach
    void tearDown() {
        repositoryService().deleteDeployment(selectionDeployment, true);
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void campaignOpeningTodayOpensAtOnceClosesAtItsClosingDateThenCallsTheSelectionAndEndsWithIt() {
        publishWith(NOW, true);

        ProcessInstance campaign = start();

        assertThat(campaign).hasPassed("Task_PublishCampaign", "Task_OpenCampaign")
                .isWaitingAt("Event_ClosingDateReached");
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("Event_ClosingDateReached", NOW.plus(CAMPAIGN_LENGTH)));
        Assertions.assertThat(steps).containsExactly("Task_PublishCampaign", "Task_OpenCampaign");

        execute(job());

        assertThat(campaign).hasPassed("Task_CloseCampaign").hasNotPassed("CallActivity_SelectLaureates");
        Assertions.assertThat(activityOf(job())).as("closing commits on its own").isEqualTo("Task_CloseCampaign");

        execute(job());

        assertThat(campaign).isWaitingAtExactly("CallActivity_SelectLaureates");
        ProcessInstance selection = calledSelection(campaign);
        Assertions.assertThat(selection.getBusinessKey()).isEqualTo(BUSINESS_KEY);
        Assertions.assertThat(runtimeService().getVariables(selection.getId())).containsOnly(
                Map.entry(CampaignSelectionVariables.CAMPAIGN_ID, CAMPAIGN),
                Map.entry(CampaignSelectionVariables.REVIEW_DEADLINE, Date.from(REVIEW_DEADLINE_AT)));

        complete(task(selection));

        assertThat(campaign).isEnded().hasPassedInOrder("Task_PublishCampaign", "Task_OpenCampaign",
                "Task_CloseCampaign", "CallActivity_SelectLaureates", "EndEvent_CampaignCompleted");
        Assertions.assertThat(steps).containsExactly("Task_PublishCampaign", "Task_OpenCampaign",
                "Task_CloseCampaign", "Task_SelectionStubStarted");
    }

    @Test
    void campaignOpeningLaterWaitsForItsOpeningDate() {
        publishWith(NOW.plus(Duration.ofDays(10)), false);

        ProcessInstance campaign = start();

        assertThat(campaign).isWaitingAt("Event_OpeningDateReached").hasNotPassed("Task_OpenCampaign");
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("Event_OpeningDateReached", NOW.plus(Duration.ofDays(10))));
        Assertions.assertThat(steps).containsExactly("Task_PublishCampaign");

        execute(job());

        assertThat(campaign).hasPassed("Task_OpenCampaign").isWaitingAt("Event_ClosingDateReached");
        Assertions.assertThat(steps).containsExactly("Task_PublishCampaign", "Task_OpenCampaign");
    }

    @Test
    void closingCommitsOnItsOwnEvenWhenTheStepsAfterItFail() {
        ProcessInstance campaign = startBefore("Event_ClosingDateReached");
        Mocks.register("selectionStub", step(execution -> {
            throw new IllegalStateException("database unreachable");
        }));

        execute(job("Event_ClosingDateReached", campaign));

        assertThat(campaign).hasPassed("Task_CloseCampaign").hasNotPassed("CallActivity_SelectLaureates");
        Job afterClosing = job("Task_CloseCampaign", campaign);
        Assertions.assertThatThrownBy(() -> managementService().executeJob(afterClosing.getId()))
                .hasMessageContaining("database unreachable");
        assertThat(campaign).hasPassed("Task_CloseCampaign").isWaitingAt("Task_CloseCampaign");
        Assertions.assertThat(job("Task_CloseCampaign", campaign).getRetries()).isEqualTo(4);
        Assertions.assertThat(steps).containsExactly("Task_CloseCampaign", "Task_SelectionStubStarted");
    }

    @Test
    void noStepSendsMailAndEveryJobHasTheRetryScheduleOfItsKind() {
        BpmnModelInstance model = repositoryService().getBpmnModelInstance(repositoryService()
                .createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).singleResult().getId());

        Assertions.assertThat(model.getModelElementsByType(ServiceTask.class)).extracting(ServiceTask::getId)
                .noneMatch(id -> id.startsWith("Task_Send"));
        Assertions.assertThat(RetrySchedules.of(model)).isEqualTo(Map.of(
                "Event_OpeningDateReached", STEP_RETRIES,
                "Event_ClosingDateReached", STEP_RETRIES,
                "Task_CloseCampaign", STEP_RETRIES));
    }

    private void publishWith(Instant opensAt, boolean openingDateReached) {
        Mocks.register("publishCampaign", step(execution -> {
            execution.setVariable(CAMPAIGN_ID, CAMPAIGN);
            execution.setVariable(OPENS_AT, Date.from(opensAt));
            execution.setVariable(CLOSES_AT, Date.from(opensAt.plus(CAMPAIGN_LENGTH)));
            execution.setVariable(OPENING_DATE_REACHED, openingDateReached);
        }));
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, BUSINESS_KEY);
    }

    /** Starts a published campaign just before {@code activityId}. */
    private ProcessInstance startBefore(String activityId) {
        return runtimeService().createProcessInstanceByKey(PROCESS_KEY).businessKey(BUSINESS_KEY)
                .setVariables(Map.of(CAMPAIGN_ID, CAMPAIGN, OPENS_AT, Date.from(NOW.minus(CAMPAIGN_LENGTH)),
                        CLOSES_AT, Date.from(NOW), OPENING_DATE_REACHED, true))
                .startBeforeActivity(activityId).execute();
    }

    private static ProcessInstance calledSelection(ProcessInstance campaign) {
        return runtimeService().createProcessInstanceQuery().superProcessInstanceId(campaign.getId()).singleResult();
    }

    private JavaDelegate step(JavaDelegate effect) {
        return ProcessJobs.recording(steps, effect);
    }
}
