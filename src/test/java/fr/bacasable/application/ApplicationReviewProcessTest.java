package fr.bacasable.application;

import static fr.bacasable.application.ApplicationReviewVariables.AI_ACT_ASSESSMENT;
import static fr.bacasable.application.ApplicationReviewVariables.ANNEX_III_AREA;
import static fr.bacasable.application.ApplicationReviewVariables.ANSWER_DUE_AT;
import static fr.bacasable.application.ApplicationReviewVariables.APPLICANT_TYPE;
import static fr.bacasable.application.ApplicationReviewVariables.APPLICATION_ID;
import static fr.bacasable.application.ApplicationReviewVariables.CAMPAIGN_ID;
import static fr.bacasable.application.ApplicationReviewVariables.COMPLETENESS;
import static fr.bacasable.application.ApplicationReviewVariables.COMPLETENESS_COMPLETE;
import static fr.bacasable.application.ApplicationReviewVariables.COMPLETENESS_INCOMPLETE;
import static fr.bacasable.application.ApplicationReviewVariables.DPIA_ASSESSMENT;
import static fr.bacasable.application.ApplicationReviewVariables.ELIGIBILITY;
import static fr.bacasable.application.ApplicationReviewVariables.ELIGIBLE;
import static fr.bacasable.application.ApplicationReviewVariables.INFORMATION_REQUEST_ID;
import static fr.bacasable.application.ApplicationReviewVariables.INFORMATION_REQUEST_TEXT;
import static fr.bacasable.application.ApplicationReviewVariables.MESSAGE_APPLICANT_ANSWERED;
import static fr.bacasable.application.ApplicationReviewVariables.MESSAGE_APPLICATION_WITHDRAWN;
import static fr.bacasable.application.ApplicationReviewVariables.MESSAGE_REVIEW_STARTED;
import static fr.bacasable.application.ApplicationReviewVariables.PROCESSES_PERSONAL_DATA;
import static fr.bacasable.application.ApplicationReviewVariables.PROCESS_KEY;
import static fr.bacasable.application.ApplicationReviewVariables.PROHIBITED_PRACTICE;
import static fr.bacasable.application.ApplicationReviewVariables.PROJECT_STAGE;
import static fr.bacasable.application.ApplicationReviewVariables.REFERENCE;
import static fr.bacasable.application.ApplicationReviewVariables.REMINDER_AT;
import static fr.bacasable.application.ApplicationReviewVariables.USES_AI;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import fr.bacasable.ProcessTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
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
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ApplicationReviewProcess} with its real decisions and the Spring delegates replaced by lambdas
 * that change the process variables as the real steps do and record which task called them.
 */
@Deployment(resources = {"processes/ApplicationReviewProcess.bpmn", "processes/EligibilityDecision.dmn",
        "processes/DpiaRequirementDecision.dmn", "processes/AiActRiskDecision.dmn"})
class ApplicationReviewProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private static final String APPLICATION = "application-1";
    private static final String BUSINESS_KEY = "BAS-2025-0001";
    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Duration ANSWER_PERIOD = Duration.ofDays(15);
    private static final Duration REMINDER_BEFORE_DUE = Duration.ofDays(3);
    private static final Duration RETRY_INTERVAL = Duration.ofMinutes(5);

    /** The tasks whose delegate was called, in order. */
    private final List<String> steps = new ArrayList<>();
    /** The decision outputs that "Enregistrer l'auto-évaluation" received. */
    private final Map<String, Object> selfAssessment = new HashMap<>();
    private String ineligibilityReason;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(ENGINE.getProcessEngine());
        ClockUtil.setCurrentTime(Date.from(NOW));
        Mocks.register("recordEligibility", step(this::recordEligibility));
        Mocks.register("recordSelfAssessment", step(this::recordSelfAssessment));
        Mocks.register("requestInformation", step(this::requestInformation));
        Mocks.register("remindApplicant", step(execution -> { }));
        Mocks.register("closeIncomplete", step(execution -> { }));
        Mocks.register("markUnderReview", step(execution -> execution.removeVariables(
                List.of(COMPLETENESS, INFORMATION_REQUEST_TEXT))));
        Mocks.register("recordWithdrawal", step(execution -> { }));
        Mocks.register("deliverNotifications", step(execution -> { }));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void eligibleApplicationIsAssessedThenCheckedThenWaitsForTheReview() {
        ProcessInstance application = submit(eligibleFacts());

        assertThat(application).isWaitingAt("Task_SendReceipt").hasNotPassed("Task_SendReceipt");
        execute(job());
        assertThat(application).hasPassed("Task_SendReceipt").isWaitingAt("Task_CheckEligibility");
        execute(job());

        assertThat(application).hasPassedInOrder("Task_CheckEligibility", "Task_RecordEligibility",
                "Task_AssessDpiaRequirement", "Task_AssessAiActRisk", "Task_RecordSelfAssessment")
                .isWaitingAt("Task_CheckCompleteness")
                .variables().containsEntry(ELIGIBLE, true)
                .doesNotContainKeys(ELIGIBILITY, DPIA_ASSESSMENT, AI_ACT_ASSESSMENT);
        Assertions.assertThat(selfAssessment).containsEntry("dpiaCriteriaMet", 2)
                .containsEntry("dpiaRequirement", "REQUIRED")
                .containsEntry("aiActRiskLevel", "HIGH_RISK")
                .containsEntry("fundamentalRightsImpactAssessmentRequired", true);
        assertThat(task()).hasCandidateGroup("programme-managers");

        complete(task(), withVariables(COMPLETENESS, COMPLETENESS_COMPLETE));

        assertThat(application).hasPassed("Task_MarkUnderReview").isWaitingAt("Task_AwaitReview")
                .variables().doesNotContainKey(COMPLETENESS);

        runtimeService().createMessageCorrelation(MESSAGE_REVIEW_STARTED)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();

        assertThat(application).isEnded().hasPassed("EndEvent_ReadyForReview");
        Assertions.assertThat(steps).containsExactly("Task_SendReceipt", "Task_RecordEligibility",
                "Task_RecordSelfAssessment", "Task_MarkUnderReview");
    }

    @Test
    void applicationWithoutAiIsToldItIsIneligible() {
        Map<String, Object> facts = eligibleFacts();
        facts.put(USES_AI, false);
        ProcessInstance application = submit(facts);
        execute(job("Task_SendReceipt", application));
        execute(job("Task_CheckEligibility", application));

        assertThat(application).hasPassed("Task_RecordEligibility").isWaitingAt("Task_SendIneligibilityNotice")
                .variables().containsEntry(ELIGIBLE, false);
        Assertions.assertThat(ineligibilityReason).contains("intelligence artificielle");

        execute(job());

        assertThat(application).isEnded().hasPassed("Task_SendIneligibilityNotice", "EndEvent_ApplicationIneligible")
                .hasNotPassed("Task_AssessDpiaRequirement", "Task_CheckCompleteness");
        Assertions.assertThat(steps).containsExactly("Task_SendReceipt", "Task_RecordEligibility",
                "Task_SendIneligibilityNotice");
    }

    @Test
    void incompleteApplicationWaitsForTheAnswerThenIsCheckedAgain() {
        ProcessInstance application = atCompletenessCheck();

        complete(task(), withVariables(COMPLETENESS, COMPLETENESS_INCOMPLETE,
                INFORMATION_REQUEST_TEXT, "Joignez l'analyse d'impact."));

        assertThat(application).hasPassed("Task_RequestInformation").isWaitingAt("Task_SendInformationRequest")
                .variables().containsKeys(INFORMATION_REQUEST_ID, ANSWER_DUE_AT, REMINDER_AT)
                .doesNotContainKeys(COMPLETENESS, INFORMATION_REQUEST_TEXT);
        execute(job());
        assertThat(application).hasPassed("Task_SendInformationRequest").isWaitingAt("Task_AwaitApplicantAnswer");
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("BoundaryEvent_AnswerReminderDue", NOW.plus(ANSWER_PERIOD).minus(REMINDER_BEFORE_DUE)),
                Map.entry("BoundaryEvent_AnswerOverdue", NOW.plus(ANSWER_PERIOD)));

        answer();

        assertThat(application).hasPassed("Task_AwaitApplicantAnswer").isWaitingAt("Task_CheckCompleteness");
        Assertions.assertThat(timerDueDates()).isEmpty();
        Assertions.assertThat(steps).containsExactly("Task_RequestInformation", "Task_SendInformationRequest");
    }

    @Test
    void applicantIsRemindedThreeDaysBeforeTheDueDateAndStillAwaited() {
        ProcessInstance application = awaitingAnswer();

        ClockUtil.setCurrentTime(Date.from(NOW.plus(ANSWER_PERIOD).minus(REMINDER_BEFORE_DUE)));
        execute(job("BoundaryEvent_AnswerReminderDue"));

        assertThat(application).hasPassed("Task_RemindApplicant")
                .isWaitingAt("Task_SendAnswerReminder", "Task_AwaitApplicantAnswer");
        execute(job("Task_SendAnswerReminder"));

        assertThat(application).hasPassed("Task_SendAnswerReminder", "EndEvent_ReminderSent")
                .isWaitingAtExactly("Task_AwaitApplicantAnswer");
        Assertions.assertThat(timerDueDates()).containsOnlyKeys("BoundaryEvent_AnswerOverdue");
        Assertions.assertThat(steps).endsWith("Task_RemindApplicant", "Task_SendAnswerReminder");
    }

    @Test
    void applicationWithoutAnswerByTheDueDateIsClosed() {
        ProcessInstance application = awaitingAnswer();

        ClockUtil.setCurrentTime(Date.from(NOW.plus(ANSWER_PERIOD)));
        execute(job("BoundaryEvent_AnswerOverdue"));

        assertThat(application).hasPassed("Task_CloseIncomplete").isWaitingAtExactly("Task_SendClosureNotice")
                .hasNotPassed("Task_RemindApplicant");
        assertThatThrownBy(this::answer).isInstanceOf(MismatchingMessageCorrelationException.class);

        execute(job());

        assertThat(application).isEnded()
                .hasPassed("Task_SendClosureNotice", "EndEvent_ApplicationClosedIncomplete");
        Assertions.assertThat(steps).endsWith("Task_CloseIncomplete", "Task_SendClosureNotice");
    }

    @Test
    void applicantCanWithdrawDuringTheCompletenessCheck() {
        ProcessInstance application = atCompletenessCheck();

        withdraw();

        assertWithdrawn(application, "Task_CheckCompleteness");
    }

    @Test
    void applicantCanWithdrawInsteadOfAnswering() {
        ProcessInstance application = awaitingAnswer();

        withdraw();

        assertWithdrawn(application, "Task_AwaitApplicantAnswer");
    }

    @Test
    void applicantCanWithdrawBeforeTheReview() {
        ProcessInstance application = atCompletenessCheck();
        complete(task(), withVariables(COMPLETENESS, COMPLETENESS_COMPLETE));
        assertThat(application).isWaitingAt("Task_AwaitReview");

        withdraw();

        assertWithdrawn(application, "Task_AwaitReview");
    }

    @Test
    void everyNotificationAndTheEligibilityCheckAreAsynchronousStepsRetriedFiveTimesFiveMinutesApart() {
        BpmnModelInstance model = repositoryService().getBpmnModelInstance(repositoryService()
                .createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).singleResult().getId());
        List<FlowNode> notifications = model.getModelElementsByType(ServiceTask.class).stream()
                .filter(task -> "${deliverNotifications}".equals(task.getCamundaDelegateExpression()))
                .map(FlowNode.class::cast).toList();

        Assertions.assertThat(notifications).extracting(FlowNode::getId).containsExactlyInAnyOrder(
                "Task_SendReceipt", "Task_SendIneligibilityNotice", "Task_SendInformationRequest",
                "Task_SendAnswerReminder", "Task_SendClosureNotice", "Task_SendWithdrawalNotice");
        List<FlowNode> retriedSteps = new ArrayList<>(notifications);
        retriedSteps.add(model.getModelElementById("Task_CheckEligibility"));
        Assertions.assertThat(retriedSteps).allSatisfy(step -> {
            Assertions.assertThat(step.isCamundaAsyncBefore()).as("asyncBefore of %s", step.getId()).isTrue();
            Assertions.assertThat(step.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class).singleResult().getTextContent())
                    .as("retry cycle of %s", step.getId()).isEqualTo("R5/PT5M");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Task_SendReceipt", "Task_SendIneligibilityNotice", "Task_SendInformationRequest",
            "Task_SendAnswerReminder", "Task_SendClosureNotice", "Task_SendWithdrawalNotice"})
    void notificationThatCannotBeSentIsRetriedLater(String notificationTask) {
        ProcessInstance application = startBefore(notificationTask);
        assertThat(application).isWaitingAt(notificationTask).hasNotPassed(notificationTask);
        Job delivery = job(notificationTask, application);
        Assertions.assertThat(delivery).as("job before %s", notificationTask).isNotNull();
        Assertions.assertThat(delivery.getRetries()).isEqualTo(5);
        Mocks.register("deliverNotifications", (JavaDelegate) execution -> {
            throw new IllegalStateException("SMTP server unreachable");
        });

        assertThatThrownBy(() -> managementService().executeJob(delivery.getId()))
                .hasMessageContaining("SMTP server unreachable");

        Job retry = job(notificationTask, application);
        Assertions.assertThat(retry.getRetries()).isEqualTo(4);
        Assertions.assertThat(retry.getDuedate().toInstant()).isEqualTo(NOW.plus(RETRY_INTERVAL));
        Assertions.assertThat(retry.getExceptionMessage()).contains("SMTP server unreachable");
        assertThat(application).isWaitingAt(notificationTask).hasNotPassed(notificationTask);

        Mocks.register("deliverNotifications", step(execution -> { }));
        ClockUtil.setCurrentTime(Date.from(NOW.plus(RETRY_INTERVAL)));
        execute(retry);

        assertThat(application).hasPassed(notificationTask);
        Assertions.assertThat(steps).containsExactly(notificationTask);
    }

    private ProcessInstance submit(Map<String, Object> facts) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, BUSINESS_KEY, facts);
    }

    /** An eligible application as {@code IntakeService} starts it: a pilot AI project of a local authority. */
    private static Map<String, Object> eligibleFacts() {
        Map<String, Object> facts = new HashMap<>();
        facts.put(APPLICATION_ID, APPLICATION);
        facts.put(REFERENCE, BUSINESS_KEY);
        facts.put(CAMPAIGN_ID, "campaign-1");
        facts.put(APPLICANT_TYPE, ApplicantType.LOCAL_AUTHORITY.name());
        facts.put(USES_AI, true);
        facts.put(PROCESSES_PERSONAL_DATA, true);
        facts.put(PROJECT_STAGE, ProjectStage.PILOT.name());
        for (DpiaCriterion criterion : DpiaCriterion.values()) {
            facts.put(criterion.field(), criterion == DpiaCriterion.EVALUATION_OR_SCORING
                    || criterion == DpiaCriterion.INNOVATIVE_TECHNOLOGY);
        }
        facts.put(PROHIBITED_PRACTICE, ProhibitedPractice.NONE.name());
        facts.put(ANNEX_III_AREA, AnnexIiiArea.ESSENTIAL_SERVICES.name());
        for (AiActQuestion question : AiActQuestion.values()) {
            facts.put(question.field(), question == AiActQuestion.DEPLOYER_IS_PUBLIC_BODY);
        }
        return facts;
    }

    /** Starts an instance just before {@code activityId}, with the variables the steps before it set. */
    private ProcessInstance startBefore(String activityId) {
        Map<String, Object> variables = eligibleFacts();
        variables.put(ELIGIBLE, true);
        variables.put(INFORMATION_REQUEST_ID, "request-1");
        variables.put(ANSWER_DUE_AT, Date.from(NOW.plus(ANSWER_PERIOD)));
        variables.put(REMINDER_AT, Date.from(NOW.plus(ANSWER_PERIOD).minus(REMINDER_BEFORE_DUE)));
        return runtimeService().createProcessInstanceByKey(PROCESS_KEY).businessKey(BUSINESS_KEY)
                .setVariables(variables).startBeforeActivity(activityId).execute();
    }

    private ProcessInstance atCompletenessCheck() {
        ProcessInstance application = startBefore("Task_CheckCompleteness");
        assertThat(application).isWaitingAt("Task_CheckCompleteness");
        return application;
    }

    private ProcessInstance awaitingAnswer() {
        ProcessInstance application = atCompletenessCheck();
        complete(task(), withVariables(COMPLETENESS, COMPLETENESS_INCOMPLETE,
                INFORMATION_REQUEST_TEXT, "Joignez l'analyse d'impact."));
        execute(job("Task_SendInformationRequest"));
        assertThat(application).isWaitingAt("Task_AwaitApplicantAnswer");
        return application;
    }

    private void answer() {
        runtimeService().createMessageCorrelation(MESSAGE_APPLICANT_ANSWERED)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();
    }

    private void withdraw() {
        runtimeService().createMessageCorrelation(MESSAGE_APPLICATION_WITHDRAWN)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();
    }

    private void assertWithdrawn(ProcessInstance application, String interruptedActivity) {
        assertThat(application).hasPassed("Task_RecordWithdrawal").isWaitingAt("Task_SendWithdrawalNotice")
                .isNotWaitingAt(interruptedActivity);
        Assertions.assertThat(timerDueDates()).isEmpty();

        execute(job());

        assertThat(application).isEnded().hasPassed("Task_SendWithdrawalNotice", "EndEvent_ApplicationWithdrawn");
        Assertions.assertThat(BpmnAwareTests.taskQuery().count()).isZero();
        Assertions.assertThat(steps).endsWith("Task_RecordWithdrawal", "Task_SendWithdrawalNotice");
    }

    /** The due dates of the timers waiting, by boundary event. */
    private static Map<String, Instant> timerDueDates() {
        Map<String, Instant> dueDates = new HashMap<>();
        managementService().createJobQuery().timers().list()
                .forEach(timer -> dueDates.put(activityOf(timer), timer.getDuedate().toInstant()));
        return dueDates;
    }

    private static String activityOf(Job job) {
        return managementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
                .singleResult().getActivityId();
    }

    /** A delegate mock that records the task calling it, then does what the real step does to variables. */
    private JavaDelegate step(JavaDelegate effect) {
        return execution -> {
            steps.add(execution.getCurrentActivityId());
            effect.execute(execution);
        };
    }

    private void recordEligibility(DelegateExecution execution) {
        Map<String, Object> result = decisionResult(execution, ELIGIBILITY);
        ineligibilityReason = (String) result.get("ineligibilityReason");
        execution.setVariable(ELIGIBLE, Boolean.TRUE.equals(result.get("eligible")));
        execution.removeVariable(ELIGIBILITY);
    }

    private void recordSelfAssessment(DelegateExecution execution) {
        selfAssessment.putAll(decisionResult(execution, DPIA_ASSESSMENT));
        selfAssessment.putAll(decisionResult(execution, AI_ACT_ASSESSMENT));
        execution.removeVariables(List.of(DPIA_ASSESSMENT, AI_ACT_ASSESSMENT));
    }

    private void requestInformation(DelegateExecution execution) {
        Instant requestedAt = ClockUtil.getCurrentTime().toInstant();
        Instant dueAt = requestedAt.plus(ANSWER_PERIOD);
        execution.setVariable(INFORMATION_REQUEST_ID, "request-1");
        execution.removeVariables(List.of(COMPLETENESS, INFORMATION_REQUEST_TEXT));
        execution.setVariable(ANSWER_DUE_AT, Date.from(dueAt));
        execution.setVariable(REMINDER_AT, Date.from(dueAt.minus(REMINDER_BEFORE_DUE)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decisionResult(DelegateExecution execution, String variable) {
        return (Map<String, Object>) execution.getVariable(variable);
    }
}
