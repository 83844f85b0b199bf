package fr.bacasable.selection;

import static fr.bacasable.ProcessJobs.activityOf;
import static fr.bacasable.ProcessJobs.timerDueDates;
import static fr.bacasable.selection.CampaignSelectionVariables.ANNOUNCEMENT_PAGES;
import static fr.bacasable.selection.CampaignSelectionVariables.CAMPAIGN_ID;
import static fr.bacasable.selection.CampaignSelectionVariables.COMMITTEE_REMARK;
import static fr.bacasable.selection.CampaignSelectionVariables.DECISION_CONFIRM;
import static fr.bacasable.selection.CampaignSelectionVariables.DECISION_SEND_BACK;
import static fr.bacasable.selection.CampaignSelectionVariables.PENDING_REVIEWS;
import static fr.bacasable.selection.CampaignSelectionVariables.PRESIDENT_REMARK;
import static fr.bacasable.selection.CampaignSelectionVariables.PROCESS_KEY;
import static fr.bacasable.selection.CampaignSelectionVariables.REVIEW_DEADLINE;
import static fr.bacasable.selection.CampaignSelectionVariables.SELECTION_CONFIRMED;
import static fr.bacasable.selection.CampaignSelectionVariables.SELECTION_DECISION;
import static fr.bacasable.selection.CampaignSelectionVariables.SELECTION_SUMMARY;
import static fr.bacasable.selection.CampaignSelectionVariables.SENT_BACK_REMARK;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.bacasable.ProcessJobs;
import fr.bacasable.ProcessTestEngine;
import fr.bacasable.RetrySchedules;
import fr.bacasable.application.ApplicationReviewVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code CampaignSelectionProcess} with its Spring delegates replaced by lambdas that change the process
 * variables as the real steps do and record which task called them. It starts as the call for projects
 * calls it at closing.
 */
@Deployment(resources = "processes/CampaignSelectionProcess.bpmn")
class CampaignSelectionProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private static final String STEP_RETRIES = "PT10S,PT1M,PT5M,PT30M";
    private static final String CAMPAIGN = "campaign-1";
    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Instant REVIEW_DEADLINE_AT = NOW.plus(Duration.ofDays(40));
    private static final Duration RECHECK_DELAY = Duration.ofHours(1);
    /** The applications of the confirmed selection, each told its outcome (here one page each). */
    private static final List<String> SELECTION = List.of("application-1", "application-2", "application-3");

    /** The tasks whose delegate was called, in order. */
    private final List<String> steps = new ArrayList<>();
    /** What the successive counts of the reviews still in progress find; none left once it is empty. */
    private final Deque<Integer> pendingReviews = new ArrayDeque<>();
    /** The applications told their outcome by the calls of "Informer les candidatures de leur issue". */
    private final List<String> announced = new ArrayList<>();

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(NOW));
        Mocks.register("countPendingReviews", step(execution -> execution.setVariable(PENDING_REVIEWS,
                pendingReviews.isEmpty() ? 0 : pendingReviews.poll())));
        Mocks.register("escalatePendingReviews", step(execution -> { }));
        Mocks.register("prepareSelection", step(execution -> execution.setVariable(SELECTION_SUMMARY,
                "| Rang | Candidature | Proposition |")));
        Mocks.register("recordSelectionProposal", step(execution -> execution.removeVariable(SENT_BACK_REMARK)));
        Mocks.register("recordSelectionDecision", step(this::recordSelectionDecision));
        Mocks.register("announceOutcome", step(execution -> announced.add(
                SELECTION.get((Integer) execution.getVariable("loopCounter")))));
        Mocks.register("checkAnnouncements", step(execution -> { }));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void closedCampaignWithNoReviewPendingGoesToTheCommitteeThenThePresidentThenTellsEachApplication() {
        ProcessInstance selection = start();

        assertThat(selection).hasPassed("Task_CountPendingReviews", "EndEvent_ReviewsSettled")
                .hasNotPassed("Task_PrepareSelection");
        Assertions.assertThat(activityOf(job())).isEqualTo("Task_PrepareSelection");

        execute(job());

        assertThat(selection).hasPassedInOrder("Task_CountPendingReviews", "EndEvent_ReviewsSettled",
                        "Task_PrepareSelection")
                .isWaitingAtExactly("Task_ProposeSelection")
                .variables().containsEntry(REVIEW_DEADLINE, Date.from(REVIEW_DEADLINE_AT))
                .containsEntry(PENDING_REVIEWS, 0).containsKey(SELECTION_SUMMARY);
        Assertions.assertThat(timerDueDates()).isEmpty();
        assertThat(task()).hasCandidateGroup("selection-committee");

        complete(task(), withVariables(COMMITTEE_REMARK, "Proposition conforme aux capacités."));

        assertThat(selection).hasPassed("Task_RecordSelectionProposal").isWaitingAtExactly("Task_DecideSelection");
        assertThat(task()).hasCandidateGroup("president");

        complete(task(), withVariables(SELECTION_DECISION, DECISION_CONFIRM));

        assertThat(selection).hasPassed("Task_RecordSelectionDecision")
                .variables().containsEntry(SELECTION_CONFIRMED, true);
        executeAll(selection);

        assertThat(selection).isEnded().hasPassed("Task_AnnounceOutcome", "Task_CheckAnnouncements",
                "EndEvent_ResultsAnnounced");
        Assertions.assertThat(steps).containsExactly("Task_CountPendingReviews", "Task_PrepareSelection",
                "Task_RecordSelectionProposal", "Task_RecordSelectionDecision",
                "Task_AnnounceOutcome", "Task_AnnounceOutcome", "Task_AnnounceOutcome", "Task_CheckAnnouncements");
    }

    @Test
    @Deployment(resources = {"processes/CampaignSelectionProcess.bpmn", "processes/ApplicationReviewProcess.bpmn",
            "processes/ApplicationSelectionProcess.bpmn"})
    void closedCampaignWaitsWhileReviewsArePendingAndCountsAgainWhenOneOfItsApplicationsIsThroughReview() {
        pendingReviews.add(1);

        ProcessInstance selection = closed();

        assertThat(selection).hasPassed("Task_CountPendingReviews").hasNotPassed("Task_PrepareSelection")
                .isWaitingAt("Gateway_AwaitReviewProgress")
                .variables().containsEntry(PENDING_REVIEWS, 1);
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("Event_RecheckDelay", NOW.plus(RECHECK_DELAY)),
                Map.entry("BoundaryEvent_ReviewDeadlineReached", REVIEW_DEADLINE_AT));

        ProcessInstance otherCampaignsApplication = throughReview("campaign-2");

        assertThat(otherCampaignsApplication).hasPassed("Event_ReviewSettledReported")
                .isWaitingAt("CallActivity_SelectionOutcome");
        Assertions.assertThat(managementService().createJobQuery().messages().count()).isZero();

        ProcessInstance application = throughReview(CAMPAIGN);

        // The application's signal is thrown asynchronously: it leaves the campaign a job that delivers it.
        assertThat(application).hasPassed("Event_ReviewSettledReported").isWaitingAt("CallActivity_SelectionOutcome");
        Job wakeUp = managementService().createJobQuery().messages().singleResult();
        Assertions.assertThat(wakeUp.getProcessInstanceId()).isEqualTo(selection.getId());
        assertThat(selection).isWaitingAt("Gateway_AwaitReviewProgress");
        Assertions.assertThat(steps).containsExactly("Task_CountPendingReviews");

        execute(wakeUp);
        execute(job("Task_PrepareSelection", selection));

        assertThat(selection).hasPassed("Event_ReviewSettled", "EndEvent_ReviewsSettled", "Task_PrepareSelection")
                .hasNotPassed("Event_RecheckDelay")
                .isWaitingAtExactly("Task_ProposeSelection")
                .variables().containsEntry(PENDING_REVIEWS, 0);
        Assertions.assertThat(timerDueDates()).isEmpty();
        Assertions.assertThat(steps).containsExactly("Task_CountPendingReviews", "Task_CountPendingReviews",
                "Task_PrepareSelection");
    }

    @Test
    void rankingFailureLeavesItsJobToBeRetried() {
        Mocks.register("prepareSelection", step(execution -> {
            throw new IllegalStateException("ranking failed");
        }));
        ProcessInstance selection = start();

        Job ranking = job("Task_PrepareSelection", selection);
        Assertions.assertThatThrownBy(() -> managementService().executeJob(ranking.getId()))
                .hasMessageContaining("ranking failed");

        assertThat(selection).hasPassed("Task_CountPendingReviews", "EndEvent_ReviewsSettled")
                .isWaitingAt("Task_PrepareSelection");
        Assertions.assertThat(job("Task_PrepareSelection", selection).getRetries()).isEqualTo(4);
    }

    @Test
    void closedCampaignCountsThePendingReviewsAgainEveryHour() {
        pendingReviews.add(2);
        pendingReviews.add(1);
        ProcessInstance selection = closed();

        ClockUtil.setCurrentTime(Date.from(NOW.plus(RECHECK_DELAY)));
        execute(job("Event_RecheckDelay", selection));

        assertThat(selection).hasPassed("Event_RecheckDelay").hasNotPassed("Event_ReviewSettled")
                .isWaitingAt("Gateway_AwaitReviewProgress")
                .variables().containsEntry(PENDING_REVIEWS, 1);
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("Event_RecheckDelay", NOW.plus(RECHECK_DELAY).plus(RECHECK_DELAY)),
                Map.entry("BoundaryEvent_ReviewDeadlineReached", REVIEW_DEADLINE_AT));
        Assertions.assertThat(steps).containsExactly("Task_CountPendingReviews", "Task_CountPendingReviews");
    }

    @Test
    void reviewDeadlineAlertsTheManagersWhileTheCampaignKeepsWaitingForTheReviews() {
        pendingReviews.add(3);
        ProcessInstance selection = closed();

        ClockUtil.setCurrentTime(Date.from(REVIEW_DEADLINE_AT));
        execute(job("BoundaryEvent_ReviewDeadlineReached", selection));

        assertThat(selection).hasPassed("Task_EscalatePendingReviews", "EndEvent_PendingReviewsEscalated")
                .hasNotPassed("Task_PrepareSelection")
                .isWaitingAt("Gateway_AwaitReviewProgress");
        Assertions.assertThat(timerDueDates()).containsOnlyKeys("Event_RecheckDelay");
        Assertions.assertThat(steps).containsExactly("Task_CountPendingReviews", "Task_EscalatePendingReviews");
    }

    @Test
    void presidentSendsTheSelectionBackToTheCommitteeWhichProposesAgainBeforeTheSelectionIsConfirmed() {
        ProcessInstance selection = startBefore("Task_PrepareSelection");
        execute(job("Task_PrepareSelection", selection));
        assertThat(selection).isWaitingAtExactly("Task_ProposeSelection");
        String firstProposal = task().getId();

        complete(task(), withVariables(COMMITTEE_REMARK, "Proposition conforme aux capacités."));
        complete(task(), withVariables(SELECTION_DECISION, DECISION_SEND_BACK,
                PRESIDENT_REMARK, "Deux lauréats portent le même projet : revoyez le classement."));

        assertThat(selection).hasPassed("Task_RecordSelectionDecision").isWaitingAtExactly("Task_ProposeSelection")
                .variables().containsEntry(SELECTION_CONFIRMED, false)
                .containsEntry(SENT_BACK_REMARK, "Deux lauréats portent le même projet : revoyez le classement.")
                .doesNotContainKeys(SELECTION_DECISION, PRESIDENT_REMARK, ANNOUNCEMENT_PAGES);
        assertThat(task()).hasCandidateGroup("selection-committee");
        Assertions.assertThat(task().getId()).isNotEqualTo(firstProposal);

        complete(task(), withVariables(COMMITTEE_REMARK, "Classement revu."));

        assertThat(selection).isWaitingAtExactly("Task_DecideSelection").variables().doesNotContainKey(SENT_BACK_REMARK);

        complete(task(), withVariables(SELECTION_DECISION, DECISION_CONFIRM));

        assertThat(selection).hasPassed("Task_RecordSelectionDecision").hasNotPassed("Task_AnnounceOutcome")
                .variables().containsEntry(SELECTION_CONFIRMED, true);
        Assertions.assertThat(steps).containsExactly("Task_PrepareSelection",
                "Task_RecordSelectionProposal", "Task_RecordSelectionDecision",
                "Task_RecordSelectionProposal", "Task_RecordSelectionDecision");
    }

    @Test
    void confirmedSelectionTellsTheApplicationsAPageAtATimeEachInAJobOfItsOwnThenChecksThatEachWasTold() {
        ProcessInstance selection = startBefore("Task_DecideSelection");
        assertThat(selection).isWaitingAtExactly("Task_DecideSelection");

        complete(task(), withVariables(SELECTION_DECISION, DECISION_CONFIRM));

        Assertions.assertThat(announced).isEmpty();
        for (int page = 1; page <= SELECTION.size(); page++) {
            Job announcement = jobOf(selection);
            Assertions.assertThat(activityOf(announcement)).as("one page after the other, each in its own job")
                    .isEqualTo("Task_AnnounceOutcome");
            Assertions.assertThat(announcement.getRetries()).isEqualTo(5);
            execute(announcement);
            Assertions.assertThat(announced).hasSize(page).doesNotHaveDuplicates();
        }
        Job check = jobOf(selection);
        Assertions.assertThat(activityOf(check)).isEqualTo("Task_CheckAnnouncements");
        Assertions.assertThat(check.getRetries()).isEqualTo(5);
        execute(check);

        Assertions.assertThat(announced).containsExactlyElementsOf(SELECTION);
        assertThat(selection).isEnded().hasPassed("EndEvent_ResultsAnnounced");
    }

    @Test
    void noStepSendsMailAndEveryJobHasTheRetryScheduleOfItsKind() {
        BpmnModelInstance model = repositoryService().getBpmnModelInstance(repositoryService()
                .createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).singleResult().getId());

        Assertions.assertThat(model.getModelElementsByType(ServiceTask.class)).extracting(ServiceTask::getId)
                .noneMatch(id -> id.startsWith("Task_Send"));
        Assertions.assertThat(RetrySchedules.of(model)).isEqualTo(Map.of(
                "Event_RecheckDelay", STEP_RETRIES,
                "BoundaryEvent_ReviewDeadlineReached", STEP_RETRIES,
                "Task_PrepareSelection", STEP_RETRIES,
                "Task_AnnounceOutcome#multiInstanceBody", STEP_RETRIES,
                "Task_CheckAnnouncements", STEP_RETRIES));
    }

    /** The selection as the call for projects starts it at closing. */
    private static ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CAMPAIGN,
                Map.of(CAMPAIGN_ID, CAMPAIGN, REVIEW_DEADLINE, Date.from(REVIEW_DEADLINE_AT)));
    }

    /** Starts the selection just before {@code activityId}. */
    private static ProcessInstance startBefore(String activityId) {
        return runtimeService().createProcessInstanceByKey(PROCESS_KEY)
                .setVariables(Map.of(CAMPAIGN_ID, CAMPAIGN, REVIEW_DEADLINE, Date.from(REVIEW_DEADLINE_AT)))
                .startBeforeActivity(activityId).execute();
    }

    /** A campaign that has just closed, waiting while reviews are still in progress. */
    private static ProcessInstance closed() {
        ProcessInstance selection = start();
        assertThat(selection).isWaitingAt("Gateway_AwaitReviewProgress");
        return selection;
    }

    /** An application of that campaign whose review outcome has just been recorded. */
    private static ProcessInstance throughReview(String campaignId) {
        return runtimeService().createProcessInstanceByKey(ApplicationReviewVariables.PROCESS_KEY)
                .setVariable(ApplicationReviewVariables.CAMPAIGN_ID, campaignId)
                .startBeforeActivity("Event_ReviewSettledReported").execute();
    }

    /** Runs the campaign's jobs one after the other until none is left, as the job executor would. */
    private static void executeAll(ProcessInstance selection) {
        for (Job next = jobOf(selection); next != null; next = jobOf(selection)) {
            execute(next);
        }
    }

    private static Job jobOf(ProcessInstance selection) {
        return managementService().createJobQuery().processInstanceId(selection.getId()).messages().singleResult();
    }

    private JavaDelegate step(JavaDelegate effect) {
        return ProcessJobs.recording(steps, effect);
    }

    /** As the real step: sent back, the remark goes to the committee; confirmed, the applications to tell are set. */
    private void recordSelectionDecision(DelegateExecution execution) {
        boolean confirmed = DECISION_CONFIRM.equals(execution.getVariable(SELECTION_DECISION));
        if (confirmed) {
            execution.setVariable(ANNOUNCEMENT_PAGES, SELECTION.size());
        } else {
            execution.setVariable(SENT_BACK_REMARK, execution.getVariable(PRESIDENT_REMARK));
        }
        execution.setVariable(SELECTION_CONFIRMED, confirmed);
        execution.removeVariables(List.of(SELECTION_DECISION, PRESIDENT_REMARK));
    }
}
