package fr.bacasable.application;

import static fr.bacasable.ProcessJobs.timerDueDates;
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
import static fr.bacasable.application.ApplicationReviewVariables.MESSAGE_ACCOMPANIMENT_STARTED;
import static fr.bacasable.application.ApplicationReviewVariables.MESSAGE_APPLICANT_ANSWERED;
import static fr.bacasable.application.ApplicationReviewVariables.MESSAGE_APPLICATION_WITHDRAWN;
import static fr.bacasable.application.ApplicationReviewVariables.PROCESSES_PERSONAL_DATA;
import static fr.bacasable.application.ApplicationReviewVariables.PROCESS_KEY;
import static fr.bacasable.application.ApplicationReviewVariables.PROHIBITED_PRACTICE;
import static fr.bacasable.application.ApplicationReviewVariables.PROJECT_STAGE;
import static fr.bacasable.application.ApplicationReviewVariables.REFERENCE;
import static fr.bacasable.application.ApplicationReviewVariables.REMINDER_AT;
import static fr.bacasable.application.ApplicationReviewVariables.USES_AI;
import static fr.bacasable.review.ReviewVariables.CONFLICT_DECLARED;
import static fr.bacasable.review.ReviewVariables.CONFLICT_DETAILS_FIELD;
import static fr.bacasable.review.ReviewVariables.CONFLICT_FIELD;
import static fr.bacasable.review.ReviewVariables.REASON_FIELD;
import static fr.bacasable.review.ReviewVariables.REMARKS_FIELD;
import static fr.bacasable.review.ReviewVariables.REVIEWS_DIVERGE;
import static fr.bacasable.review.ReviewVariables.REVIEW_COMPARISON;
import static fr.bacasable.review.ReviewVariables.REVIEW_DUE_AT;
import static fr.bacasable.review.ReviewVariables.REVIEW_ESCALATION_AT;
import static fr.bacasable.review.ReviewVariables.REVIEW_OUTCOME;
import static fr.bacasable.review.ReviewVariables.field;
import static fr.bacasable.selection.ApplicationSelectionVariables.MESSAGE_RESERVE_PROMOTED;
import static fr.bacasable.selection.ApplicationSelectionVariables.MESSAGE_SELECTION_DECIDED;
import static fr.bacasable.selection.ApplicationSelectionVariables.SELECTION_OUTCOME;
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

import fr.bacasable.ProcessJobs;
import fr.bacasable.ProcessTestEngine;
import fr.bacasable.RetrySchedules;
import fr.bacasable.review.Criterion;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.ReviewVariables;
import fr.bacasable.review.Scores;
import fr.bacasable.selection.ApplicationSelectionVariables;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionWithdrawalVariables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ApplicationReviewProcess} with the processes it calls ({@code ReviewProcess},
 * {@code ApplicationSelectionProcess}, {@code SelectionWithdrawalProcess}), its real decisions, and the
 * Spring delegates and task listeners replaced by lambdas that change the process variables as the real
 * steps do and record which task called them.
 */
@Deployment(resources = {"processes/ApplicationReviewProcess.bpmn", "processes/ReviewProcess.bpmn",
        "processes/ApplicationSelectionProcess.bpmn", "processes/SelectionWithdrawalProcess.bpmn",
        "processes/EligibilityDecision.dmn",
        "processes/DpiaRequirementDecision.dmn", "processes/AiActRiskDecision.dmn",
        "processes/ReviewOutcomeDecision.dmn"})
class ApplicationReviewProcessTest {

    @RegisterExtension
    static final ProcessEngineExtension ENGINE = ProcessTestEngine.extension();

    private static final String APPLICATION = "application-1";
    private static final String BUSINESS_KEY = "BAS-2025-0001";
    private static final Instant NOW = Instant.parse("2025-03-03T09:00:00Z");
    private static final Duration ANSWER_PERIOD = Duration.ofDays(15);
    private static final Duration REMINDER_BEFORE_DUE = Duration.ofDays(3);
    /** Steps and timers; hand-offs to the campaign (signals), which may meet a concurrent update, sooner. */
    private static final String STEP_RETRIES = "PT10S,PT1M,PT5M,PT30M";
    private static final String HAND_OFF_RETRIES = "PT5S,PT30S,PT2M,PT10M";
    /** The campaign's review delay, from the start of the review; managers are alerted 5 days after. */
    private static final Duration REVIEW_PERIOD = Duration.ofDays(10);
    private static final Duration ESCALATION_AFTER_DUE = Duration.ofDays(5);
    private static final Instant REVIEW_DUE = NOW.plus(REVIEW_PERIOD);
    private static final Instant REVIEW_ESCALATION = REVIEW_DUE.plus(ESCALATION_AFTER_DUE);
    /** Two reviews diverge when they differ by 2 points or more on some criterion. */
    private static final BigDecimal DIVERGENCE = BigDecimal.valueOf(2);
    private static final String CONFLICT = "yes";
    private static final String NO_CONFLICT = "no";

    /** The tasks whose delegate was called, in order. */
    private final List<String> steps = new ArrayList<>();
    /** The ids of the review tasks whose reviewers were screened by their create listener, in order. */
    private final List<String> screenedTasks = new ArrayList<>();
    /** The decision outputs that "Enregistrer l'auto-évaluation" received. */
    private final Map<String, Object> selfAssessment = new HashMap<>();
    /** The scores each review step stored, as the real ones do in the review tables. */
    private final Map<ReviewKind, Scores> reviews = new EnumMap<>(ReviewKind.class);
    /** The decision outputs and the final scores that "Enregistrer l'issue de la revue" received. */
    private final Map<String, Object> reviewOutcome = new HashMap<>();
    private String ineligibilityReason;
    /** What "Libérer la place dans la sélection" finds: whether the application was a laureate of the selection. */
    private boolean laureatePlaceFreed;

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
        Mocks.register("scheduleReviews", step(this::scheduleReviews));
        Mocks.register("excludeLegalReviewers", screen());
        Mocks.register("excludeTechnicalReviewers", screen());
        Mocks.register("recordLegalReview", step(execution -> recordReview(execution, ReviewKind.LEGAL)));
        Mocks.register("recordTechnicalReview", step(execution -> recordReview(execution, ReviewKind.TECHNICAL)));
        Mocks.register("compareReviews", step(this::compareReviews));
        Mocks.register("recordConsensus", step(this::recordConsensus));
        Mocks.register("remindLegalReviewer", step(execution -> { }));
        Mocks.register("remindTechnicalReviewer", step(execution -> { }));
        Mocks.register("escalateLegalReview", step(execution -> { }));
        Mocks.register("escalateTechnicalReview", step(execution -> { }));
        Mocks.register("recordReviewOutcome", step(this::recordReviewOutcome));
        Mocks.register("recordSelectionOutcome", step(execution -> { }));
        Mocks.register("recordPromotion", step(execution -> execution.setVariable(
                ApplicationSelectionVariables.SELECTION_OUTCOME,
                Outcome.LAUREATE.name())));
        Mocks.register("recordWithdrawal", step(execution -> { }));
        Mocks.register("releaseSelectionPlace", step(execution -> execution.setVariable(
                SelectionWithdrawalVariables.LAUREATE_PLACE_FREED, laureatePlaceFreed)));
        Mocks.register("promoteFirstReserve", step(execution -> { }));
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void eligibleApplicationIsAssessedCheckedReviewedAndSelectedUntilItsAccompanimentStarts() {
        ProcessInstance application = submit(eligibleFacts());

        assertThat(application).isWaitingAt("Task_CheckEligibility").hasNotPassed("Task_CheckEligibility");
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

        assertThat(application).hasPassed("Task_MarkUnderReview").isWaitingAtExactly("CallActivity_Review")
                .variables().doesNotContainKey(COMPLETENESS);
        ProcessInstance review = called(application, ReviewVariables.PROCESS_KEY);
        Assertions.assertThat(review.getBusinessKey()).isEqualTo(BUSINESS_KEY);
        assertThat(review).hasPassed("Task_ScheduleReviews")
                .isWaitingAtExactly("Task_ReviewLegal", "Task_ReviewTechnical")
                .variables().containsEntry(ReviewVariables.APPLICATION_ID, APPLICATION)
                .containsEntry(field(ReviewKind.LEGAL, REVIEW_DUE_AT), Date.from(REVIEW_DUE))
                .containsEntry(field(ReviewKind.LEGAL, REVIEW_ESCALATION_AT), Date.from(REVIEW_ESCALATION))
                .containsEntry(field(ReviewKind.TECHNICAL, REVIEW_DUE_AT), Date.from(REVIEW_DUE))
                .containsEntry(field(ReviewKind.TECHNICAL, REVIEW_ESCALATION_AT), Date.from(REVIEW_ESCALATION));
        assertThat(task("Task_ReviewLegal", review)).hasCandidateGroup("legal-reviewers")
                .hasDueDate(Date.from(REVIEW_DUE));
        assertThat(task("Task_ReviewTechnical", review)).hasCandidateGroup("technical-reviewers")
                .hasDueDate(Date.from(REVIEW_DUE));
        Assertions.assertThat(screenedTasks).containsExactlyInAnyOrderElementsOf(reviewTaskIds(review).values());
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("BoundaryEvent_LegalReviewDue", REVIEW_DUE),
                Map.entry("BoundaryEvent_LegalReviewOverdue", REVIEW_ESCALATION),
                Map.entry("BoundaryEvent_TechnicalReviewDue", REVIEW_DUE),
                Map.entry("BoundaryEvent_TechnicalReviewOverdue", REVIEW_ESCALATION));

        review(review, ReviewKind.LEGAL, "4", "3.5", "3", "3");

        assertThat(review).hasPassed("Task_RecordLegalReview")
                .isWaitingAtExactly("Gateway_ReviewsDone", "Task_ReviewTechnical")
                .variables().containsEntry(field(ReviewKind.LEGAL, CONFLICT_DECLARED), false)
                .doesNotContainKeys(field(ReviewKind.LEGAL, CONFLICT_FIELD), field(ReviewKind.LEGAL, "relevanceScore"));

        review(review, ReviewKind.TECHNICAL, "4", "3", "3.5", "3");

        assertThat(review).isEnded().hasPassedInOrder("Task_RecordTechnicalReview", "Task_CompareReviews",
                "Task_DecideReviewOutcome", "Task_RecordReviewOutcome", "EndEvent_ReviewCompleted")
                .hasNotPassed("Task_ReachConsensus");
        assertThat(application).hasPassedInOrder("CallActivity_Review", "Event_ReviewSettledReported")
                .isWaitingAtExactly("CallActivity_SelectionOutcome")
                .variables().doesNotContainKeys(REVIEW_OUTCOME, REVIEW_COMPARISON, "relevanceScore");
        Assertions.assertThat(reviewOutcome).containsEntry("relevanceScore", 4.0)
                .containsEntry("dataProtectionInterestScore", 3.25).containsEntry("qualityScore", 3.25)
                .containsEntry("impactScore", 3.0)
                .containsEntry("reviewRecommendation", "SHORTLIST")
                .containsEntry("rejectionReason", null);
        Assertions.assertThat(managementService().createJobQuery().count())
                .as("no campaign waits for its reviews, so the signal leaves no job").isZero();

        ProcessInstance selection = called(application, ApplicationSelectionVariables.PROCESS_KEY);
        Assertions.assertThat(selection.getBusinessKey()).isEqualTo(BUSINESS_KEY);
        selectionDecided(Outcome.LAUREATE);

        assertThat(selection).hasPassed("Task_AwaitSelection").hasNotPassed("Task_RecordSelectionOutcome");
        execute(job("Task_AwaitSelection", selection));
        assertThat(selection).isEnded().hasPassed("Task_RecordSelectionOutcome", "EndEvent_OutcomeRecorded");
        assertThat(application).hasPassed("CallActivity_SelectionOutcome")
                .isWaitingAtExactly("Task_AwaitAccompaniment")
                .variables().containsEntry(SELECTION_OUTCOME, Outcome.LAUREATE.name());

        accompanimentStarted();

        assertThat(application).isEnded().hasPassed("Task_AwaitAccompaniment", "EndEvent_AccompanimentStarted");
        Assertions.assertThat(steps).containsExactly("Task_RecordEligibility",
                "Task_RecordSelfAssessment", "Task_MarkUnderReview", "Task_ScheduleReviews", "Task_RecordLegalReview",
                "Task_RecordTechnicalReview", "Task_CompareReviews", "Task_RecordReviewOutcome",
                "Task_RecordSelectionOutcome");
    }

    @Test
    void applicationWithoutAiIsToldItIsIneligible() {
        Map<String, Object> facts = eligibleFacts();
        facts.put(USES_AI, false);
        ProcessInstance application = submit(facts);
        execute(job("Task_CheckEligibility", application));

        assertThat(application).isEnded().hasPassed("Task_RecordEligibility", "EndEvent_ApplicationIneligible")
                .hasNotPassed("Task_AssessDpiaRequirement", "Task_CheckCompleteness");
        Assertions.assertThat(ineligibilityReason).contains("intelligence artificielle");
        Assertions.assertThat(steps).containsExactly("Task_RecordEligibility");
    }

    @Test
    void incompleteApplicationWaitsForTheAnswerThenIsCheckedAgain() {
        ProcessInstance application = atCompletenessCheck();

        complete(task(), withVariables(COMPLETENESS, COMPLETENESS_INCOMPLETE,
                INFORMATION_REQUEST_TEXT, "Joignez l'analyse d'impact."));

        assertThat(application).hasPassed("Task_RequestInformation")
                .isWaitingAtExactly("Task_AwaitApplicantAnswer")
                .variables().containsKeys(INFORMATION_REQUEST_ID, ANSWER_DUE_AT, REMINDER_AT)
                .doesNotContainKeys(COMPLETENESS, INFORMATION_REQUEST_TEXT);
        Assertions.assertThat(timerDueDates()).containsOnly(
                Map.entry("BoundaryEvent_AnswerReminderDue", NOW.plus(ANSWER_PERIOD).minus(REMINDER_BEFORE_DUE)),
                Map.entry("BoundaryEvent_AnswerOverdue", NOW.plus(ANSWER_PERIOD)));

        answer();

        assertThat(application).hasPassed("Task_AwaitApplicantAnswer").isWaitingAt("Task_CheckCompleteness");
        Assertions.assertThat(timerDueDates()).isEmpty();
        Assertions.assertThat(steps).containsExactly("Task_RequestInformation");
    }

    @Test
    void applicantIsRemindedThreeDaysBeforeTheDueDateAndStillAwaited() {
        ProcessInstance application = awaitingAnswer();

        ClockUtil.setCurrentTime(Date.from(NOW.plus(ANSWER_PERIOD).minus(REMINDER_BEFORE_DUE)));
        execute(job("BoundaryEvent_AnswerReminderDue"));

        assertThat(application).hasPassed("Task_RemindApplicant", "EndEvent_ReminderSent")
                .isWaitingAtExactly("Task_AwaitApplicantAnswer");
        Assertions.assertThat(timerDueDates()).containsOnlyKeys("BoundaryEvent_AnswerOverdue");
        Assertions.assertThat(steps).endsWith("Task_RemindApplicant");
    }

    @Test
    void applicationWithoutAnswerByTheDueDateIsClosed() {
        ProcessInstance application = awaitingAnswer();

        ClockUtil.setCurrentTime(Date.from(NOW.plus(ANSWER_PERIOD)));
        execute(job("BoundaryEvent_AnswerOverdue"));

        assertThat(application).isEnded()
                .hasPassed("Task_CloseIncomplete", "EndEvent_ApplicationClosedIncomplete")
                .hasNotPassed("Task_RemindApplicant");
        assertThatThrownBy(this::answer).isInstanceOf(MismatchingMessageCorrelationException.class);
        Assertions.assertThat(steps).endsWith("Task_CloseIncomplete");
    }

    @Test
    void applicationWithACriterionBelowThreeOnAverageIsRejectedWithItsReason() {
        ProcessInstance application = inReview();
        ProcessInstance review = called(application, ReviewVariables.PROCESS_KEY);

        review(review, ReviewKind.LEGAL, "3", "4", "4", "4");
        review(review, ReviewKind.TECHNICAL, "2", "4", "4", "4");

        assertThat(review).isEnded().hasPassed("Task_CompareReviews", "Task_DecideReviewOutcome",
                "Task_RecordReviewOutcome").hasNotPassed("Task_ReachConsensus");
        assertThat(application).isWaitingAtExactly("CallActivity_SelectionOutcome");
        Assertions.assertThat(reviewOutcome).containsEntry("relevanceScore", 2.5).containsEntry("reviewRecommendation", "REJECT")
                .containsEntry("rejectionReason", "La note moyenne attribuée à la pertinence de l'usage de l'IA "
                        + "pour le service public est inférieure au seuil de 3 sur 5.");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
            "LEGAL, Task_ReviewLegal, Task_RecordLegalReview, Task_ReviewTechnical",
            "TECHNICAL, Task_ReviewTechnical, Task_RecordTechnicalReview, Task_ReviewLegal"})
    void reviewerWithAConflictOfInterestHandsTheReviewBackToTheGroup(ReviewKind kind, String reviewTask,
            String recordTask, String otherReviewTask) {
        ProcessInstance application = called(inReview(), ReviewVariables.PROCESS_KEY);
        Map<String, String> before = reviewTaskIds(application);

        complete(task(reviewTask, application), withVariables(field(kind, CONFLICT_FIELD), CONFLICT,
                field(kind, CONFLICT_DETAILS_FIELD), "J'ai conseillé ce candidat l'an dernier."));

        assertThat(application).hasPassed(recordTask).isWaitingAtExactly(reviewTask, otherReviewTask)
                .variables().containsEntry(field(kind, CONFLICT_DECLARED), true)
                .doesNotContainKeys(field(kind, CONFLICT_FIELD), field(kind, CONFLICT_DETAILS_FIELD));
        Assertions.assertThat(reviews).doesNotContainKey(kind);
        Map<String, String> after = reviewTaskIds(application);
        Assertions.assertThat(after.get(reviewTask)).isNotEqualTo(before.get(reviewTask));
        Assertions.assertThat(after.get(otherReviewTask)).isEqualTo(before.get(otherReviewTask));
        assertThat(task(reviewTask, application)).hasCandidateGroup(kind.groupId()).hasDueDate(Date.from(REVIEW_DUE));
        Assertions.assertThat(screenedTasks).hasSize(3).endsWith(after.get(reviewTask));
        Assertions.assertThat(steps).containsExactly("Task_ScheduleReviews", recordTask);
    }

    @Test
    void divergentReviewsAreSettledByAConsensusWhoseScoresDecide() {
        ProcessInstance application = inReview();
        ProcessInstance review = called(application, ReviewVariables.PROCESS_KEY);
        review(review, ReviewKind.LEGAL, "5", "3", "3", "3");

        review(review, ReviewKind.TECHNICAL, "1", "3", "3", "3");

        assertThat(review).hasPassed("Task_CompareReviews").isWaitingAtExactly("Task_ReachConsensus")
                .variables().containsEntry(REVIEWS_DIVERGE, true).containsKey(REVIEW_COMPARISON)
                .containsEntry("relevanceScore", 3.0);
        assertThat(task()).hasCandidateGroup("programme-managers");

        complete(task(), consensusForm("4", "3", "3", "3"));

        assertThat(review).isEnded().hasPassedInOrder("Task_ReachConsensus", "Task_RecordConsensus",
                "Task_DecideReviewOutcome", "Task_RecordReviewOutcome");
        assertThat(application).isWaitingAtExactly("CallActivity_SelectionOutcome")
                .variables().doesNotContainKeys(REVIEW_COMPARISON, REVIEWS_DIVERGE,
                        field(ReviewKind.CONSENSUS, REASON_FIELD), field(ReviewKind.CONSENSUS, "relevanceScore"));
        Assertions.assertThat(reviewOutcome).containsEntry("relevanceScore", 4.0).containsEntry("impactScore", 3.0)
                .containsEntry("reviewRecommendation", "SHORTLIST");
        Assertions.assertThat(steps).endsWith("Task_CompareReviews", "Task_RecordConsensus",
                "Task_RecordReviewOutcome");
    }

    @Test
    void reviewersAreRemindedAtTheDueDateAndManagersAlertedFiveDaysLaterWhileTheReviewsStayOpen() {
        ProcessInstance application = called(inReview(), ReviewVariables.PROCESS_KEY);
        Map<String, String> reviewTasks = reviewTaskIds(application);
        Assertions.assertThat(dueTimers()).isEmpty();

        ClockUtil.setCurrentTime(Date.from(REVIEW_DUE));
        Assertions.assertThat(dueTimers()).containsExactlyInAnyOrder(
                "BoundaryEvent_LegalReviewDue", "BoundaryEvent_TechnicalReviewDue");
        execute(job("BoundaryEvent_LegalReviewDue"));
        execute(job("BoundaryEvent_TechnicalReviewDue"));

        assertThat(application).hasPassed("Task_RemindLegalReviewer", "Task_RemindTechnicalReviewer",
                        "EndEvent_LegalReviewerReminded", "EndEvent_TechnicalReviewerReminded")
                .isWaitingAtExactly("Task_ReviewLegal", "Task_ReviewTechnical");
        Assertions.assertThat(timerDueDates()).containsOnlyKeys(
                "BoundaryEvent_LegalReviewOverdue", "BoundaryEvent_TechnicalReviewOverdue");

        ClockUtil.setCurrentTime(Date.from(REVIEW_ESCALATION));
        Assertions.assertThat(dueTimers()).containsExactlyInAnyOrder(
                "BoundaryEvent_LegalReviewOverdue", "BoundaryEvent_TechnicalReviewOverdue");
        execute(job("BoundaryEvent_LegalReviewOverdue"));
        execute(job("BoundaryEvent_TechnicalReviewOverdue"));

        assertThat(application).hasPassed("Task_EscalateLegalReview", "Task_EscalateTechnicalReview",
                        "EndEvent_LegalReviewEscalated", "EndEvent_TechnicalReviewEscalated")
                .isWaitingAtExactly("Task_ReviewLegal", "Task_ReviewTechnical");
        Assertions.assertThat(reviewTaskIds(application)).isEqualTo(reviewTasks);
        Assertions.assertThat(timerDueDates()).isEmpty();
        Assertions.assertThat(steps).containsExactly("Task_ScheduleReviews",
                "Task_RemindLegalReviewer", "Task_RemindTechnicalReviewer",
                "Task_EscalateLegalReview", "Task_EscalateTechnicalReview");
    }

    @Test
    void reserveApplicationWaitsForAPlaceThenIsPromotedAndWaitsForItsAccompaniment() {
        ProcessInstance application = awaitingSelection();
        ProcessInstance selection = called(application, ApplicationSelectionVariables.PROCESS_KEY);

        selectionDecided(Outcome.RESERVE);
        execute(job("Task_AwaitSelection", selection));

        assertThat(selection).hasPassed("Task_RecordSelectionOutcome").isWaitingAtExactly("Task_AwaitPromotion");

        promoted();

        assertThat(selection).isEnded().hasPassed("Task_RecordPromotion", "EndEvent_Promoted");
        assertThat(application).isWaitingAtExactly("Task_AwaitAccompaniment")
                .variables().containsEntry(SELECTION_OUTCOME, Outcome.LAUREATE.name());
        Assertions.assertThat(steps).containsExactly("Task_RecordSelectionOutcome", "Task_RecordPromotion");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"ADVISED, EndEvent_AdviceTrack", "NOT_SELECTED, EndEvent_NotSelected",
            "REJECTED, EndEvent_NotSelected"})
    void applicationAdvisedNotSelectedOrRejectedEndsOnceItsOutcomeIsRecorded(Outcome outcome, String endEvent) {
        ProcessInstance application = awaitingSelection();
        ProcessInstance selection = called(application, ApplicationSelectionVariables.PROCESS_KEY);

        selectionDecided(outcome);
        execute(job("Task_AwaitSelection", selection));

        assertThat(selection).isEnded().hasPassed("Task_RecordSelectionOutcome", "EndEvent_OutcomeRecorded")
                .hasNotPassed("Task_AwaitPromotion");
        assertThat(application).isEnded().hasPassed(endEvent).hasNotPassed("Task_AwaitAccompaniment");
        Assertions.assertThat(steps).containsExactly("Task_RecordSelectionOutcome");
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
    void applicantCanWithdrawDuringTheReview() {
        ProcessInstance application = inReview();

        withdraw();

        assertWithdrawn(application, "CallActivity_Review");
    }

    @Test
    void laureateWithdrawingBeforeItsAccompanimentFreesItsPlaceForTheFirstReserveInAStepOfItsOwn() {
        laureatePlaceFreed = true;
        ProcessInstance application = startBefore("Task_AwaitAccompaniment", Outcome.LAUREATE);

        withdraw();

        assertWithdrawalRecorded(application, "Task_AwaitAccompaniment");
        ProcessInstance release = called(application, SelectionWithdrawalVariables.PROCESS_KEY);
        Assertions.assertThat(release.getBusinessKey()).isEqualTo(BUSINESS_KEY);
        assertThat(release).hasPassed("Task_ReleaseSelectionPlace")
                .isWaitingAt("Task_PromoteFirstReserve").hasNotPassed("Task_PromoteFirstReserve")
                .variables().containsEntry(SelectionWithdrawalVariables.LAUREATE_PLACE_FREED, true);
        Job promotion = job("Task_PromoteFirstReserve", release);
        Assertions.assertThat(promotion.getRetries()).as("a first try, then one per retry interval").isEqualTo(5);

        execute(promotion);

        assertThat(release).isEnded().hasPassedInOrder("Task_ReleaseSelectionPlace", "Task_PromoteFirstReserve",
                "EndEvent_PlaceReleased");
        assertThat(application).isEnded().hasPassedInOrder("CallActivity_ReleaseSelectionPlace",
                "Event_WithdrawalReported", "EndEvent_ApplicationWithdrawn");
        Assertions.assertThat(steps).containsExactly("Task_RecordWithdrawal", "Task_ReleaseSelectionPlace",
                "Task_PromoteFirstReserve");
    }

    @Test
    void applicantCanWithdrawFromTheReserveList() {
        ProcessInstance application = awaitingSelection();
        selectionDecided(Outcome.RESERVE);
        execute(job("Task_AwaitSelection", called(application, ApplicationSelectionVariables.PROCESS_KEY)));

        withdraw();

        assertWithdrawn(application, "CallActivity_SelectionOutcome");
    }

    @Test
    void noStepSendsMailAndEveryJobHasTheRetryScheduleOfItsKind() {
        BpmnModelInstance model = model(PROCESS_KEY);

        for (String key : List.of(PROCESS_KEY, ReviewVariables.PROCESS_KEY, ApplicationSelectionVariables.PROCESS_KEY,
                SelectionWithdrawalVariables.PROCESS_KEY)) {
            Assertions.assertThat(model(key).getModelElementsByType(ServiceTask.class)).extracting(ServiceTask::getId)
                    .noneMatch(id -> id.startsWith("Task_Send"));
        }
        Assertions.assertThat(RetrySchedules.of(model)).isEqualTo(Map.ofEntries(
                Map.entry("Task_CheckEligibility", STEP_RETRIES),
                Map.entry("BoundaryEvent_AnswerReminderDue", STEP_RETRIES),
                Map.entry("BoundaryEvent_AnswerOverdue", STEP_RETRIES),
                Map.entry("Event_ReviewSettledReported", HAND_OFF_RETRIES),
                Map.entry("Event_WithdrawalReported", HAND_OFF_RETRIES)));
        Assertions.assertThat(RetrySchedules.of(model(ReviewVariables.PROCESS_KEY))).isEqualTo(Map.ofEntries(
                Map.entry("BoundaryEvent_LegalReviewDue", STEP_RETRIES),
                Map.entry("BoundaryEvent_LegalReviewOverdue", STEP_RETRIES),
                Map.entry("BoundaryEvent_TechnicalReviewDue", STEP_RETRIES),
                Map.entry("BoundaryEvent_TechnicalReviewOverdue", STEP_RETRIES)));
        Assertions.assertThat(RetrySchedules.of(model(SelectionWithdrawalVariables.PROCESS_KEY))).isEqualTo(
                Map.of("Task_PromoteFirstReserve", STEP_RETRIES));
        BpmnModelInstance selection = model(ApplicationSelectionVariables.PROCESS_KEY);
        Assertions.assertThat(RetrySchedules.of(selection)).isEqualTo(Map.of("Task_AwaitSelection", STEP_RETRIES));
        Activity awaitSelection = selection.getModelElementById("Task_AwaitSelection");
        Assertions.assertThat(awaitSelection.isCamundaAsyncAfter()).as("the outcome is recorded in a job of its own, "
                + "not in the campaign's announcement").isTrue();
    }

    @Test
    void aFailingStepIsRetriedAfterTenSecondsThenAMinuteThenBecomesAnIncidentWhenItsScheduleRunsOut() {
        ProcessInstance application = submit(eligibleFacts());
        Mocks.register("recordEligibility", (JavaDelegate) execution -> {
            throw new IllegalStateException("Database unreachable");
        });
        Instant failedAt = NOW;
        for (Duration delay : List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(30))) {
            Job eligibility = job("Task_CheckEligibility", application);
            assertThatThrownBy(() -> managementService().executeJob(eligibility.getId()))
                    .hasMessageContaining("Database unreachable");
            Job retry = job("Task_CheckEligibility", application);
            Assertions.assertThat(retry.getDuedate().toInstant()).as("retry after %s", delay)
                    .isEqualTo(failedAt.plus(delay));
            failedAt = failedAt.plus(delay);
            ClockUtil.setCurrentTime(Date.from(failedAt));
        }
        Job lastTry = job("Task_CheckEligibility", application);
        assertThatThrownBy(() -> managementService().executeJob(lastTry.getId()))
                .hasMessageContaining("Database unreachable");

        Assertions.assertThat(job("Task_CheckEligibility", application).getRetries()).isZero();
        Assertions.assertThat(runtimeService().createIncidentQuery().processInstanceId(application.getId())
                .activityId("Task_CheckEligibility").count()).isOne();
        assertThat(application).isWaitingAt("Task_CheckEligibility").hasNotPassed("Task_RecordEligibility");
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
        return startBefore(activityId, Map.of());
    }

    /** Starts an instance just before {@code activityId} as {@link #startBefore(String)}, told its outcome. */
    private ProcessInstance startBefore(String activityId, Outcome outcome) {
        return startBefore(activityId, Map.of(SELECTION_OUTCOME, outcome.name()));
    }

    private ProcessInstance startBefore(String activityId, Map<String, Object> moreVariables) {
        Map<String, Object> variables = eligibleFacts();
        variables.put(ELIGIBLE, true);
        variables.put(INFORMATION_REQUEST_ID, "request-1");
        variables.put(ANSWER_DUE_AT, Date.from(NOW.plus(ANSWER_PERIOD)));
        variables.put(REMINDER_AT, Date.from(NOW.plus(ANSWER_PERIOD).minus(REMINDER_BEFORE_DUE)));
        for (ReviewKind kind : List.of(ReviewKind.LEGAL, ReviewKind.TECHNICAL)) {
            variables.put(field(kind, REVIEW_DUE_AT), Date.from(REVIEW_DUE));
            variables.put(field(kind, REVIEW_ESCALATION_AT), Date.from(REVIEW_ESCALATION));
        }
        variables.putAll(moreVariables);
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
        assertThat(application).isWaitingAt("Task_AwaitApplicantAnswer");
        return application;
    }

    /** A complete application whose two reviews are open. */
    private ProcessInstance inReview() {
        ProcessInstance application = startBefore("CallActivity_Review");
        assertThat(called(application, ReviewVariables.PROCESS_KEY))
                .isWaitingAtExactly("Task_ReviewLegal", "Task_ReviewTechnical");
        return application;
    }

    /** A shortlisted application waiting for its campaign's selection. */
    private ProcessInstance awaitingSelection() {
        ProcessInstance application = startBefore("CallActivity_SelectionOutcome");
        assertThat(called(application, ApplicationSelectionVariables.PROCESS_KEY))
                .isWaitingAtExactly("Task_AwaitSelection");
        return application;
    }

    /** The running process of that key that the application called. */
    private static ProcessInstance called(ProcessInstance application, String processKey) {
        return runtimeService().createProcessInstanceQuery().superProcessInstanceId(application.getId())
                .processDefinitionKey(processKey).singleResult();
    }

    private static BpmnModelInstance model(String processKey) {
        return repositoryService().getBpmnModelInstance(repositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(processKey).singleResult().getId());
    }

    /** The open review tasks' ids, by task definition key. */
    private static Map<String, String> reviewTaskIds(ProcessInstance application) {
        Map<String, String> ids = new HashMap<>();
        BpmnAwareTests.taskQuery().processInstanceId(application.getId()).list()
                .forEach(task -> ids.put(task.getTaskDefinitionKey(), task.getId()));
        return ids;
    }

    /** Completes the open review of that kind as its form does: no conflict, scores in {@link Criterion} order. */
    private static void review(ProcessInstance application, ReviewKind kind, String... scores) {
        Map<String, Object> form = scoringForm(kind, scores);
        form.put(field(kind, CONFLICT_FIELD), NO_CONFLICT);
        complete(task(kind.taskKey(), application), form);
    }

    private static Map<String, Object> consensusForm(String... scores) {
        Map<String, Object> form = scoringForm(ReviewKind.CONSENSUS, scores);
        form.put(field(ReviewKind.CONSENSUS, REASON_FIELD), "La pertinence a été réévaluée en commission.");
        return form;
    }

    /** A score (as the form's select sends it) and a justification per criterion. */
    private static Map<String, Object> scoringForm(ReviewKind kind, String... scores) {
        Map<String, Object> form = new HashMap<>();
        Criterion[] criteria = Criterion.values();
        for (int i = 0; i < criteria.length; i++) {
            form.put(field(kind, criteria[i].field()), scores[i]);
            form.put(field(kind, criteria[i].justificationField()), "Justification de la note.");
        }
        return form;
    }

    private void answer() {
        runtimeService().createMessageCorrelation(MESSAGE_APPLICANT_ANSWERED)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();
    }

    private void withdraw() {
        runtimeService().createMessageCorrelation(MESSAGE_APPLICATION_WITHDRAWN)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();
    }

    /** The campaign tells the application its outcome, as its step "Informer chaque candidature de son issue" does. */
    private void selectionDecided(Outcome outcome) {
        runtimeService().createMessageCorrelation(MESSAGE_SELECTION_DECIDED)
                .processInstanceBusinessKey(BUSINESS_KEY).setVariable(SELECTION_OUTCOME, outcome.name())
                .correlateWithResult();
    }

    private void promoted() {
        runtimeService().createMessageCorrelation(MESSAGE_RESERVE_PROMOTED)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();
    }

    private void accompanimentStarted() {
        runtimeService().createMessageCorrelation(MESSAGE_ACCOMPANIMENT_STARTED)
                .processInstanceBusinessKey(BUSINESS_KEY).correlateWithResult();
    }

    /** A withdrawal that frees no laureate's place: recorded, reported to the campaign, and done at once. */
    private void assertWithdrawn(ProcessInstance application, String... interruptedActivities) {
        Assertions.assertThat(interruptedActivities).allSatisfy(activity -> assertThat(application).hasPassed(activity));
        Assertions.assertThat(timerDueDates()).isEmpty();
        Assertions.assertThat(BpmnAwareTests.taskQuery().count()).isZero();
        assertThat(application).isEnded().hasPassedInOrder("Task_RecordWithdrawal",
                "CallActivity_ReleaseSelectionPlace", "Event_WithdrawalReported", "EndEvent_ApplicationWithdrawn");
        Assertions.assertThat(steps).endsWith("Task_RecordWithdrawal", "Task_ReleaseSelectionPlace");
    }

    /** The withdrawal is recorded and stops whatever the application was waiting for. */
    private void assertWithdrawalRecorded(ProcessInstance application, String... interruptedActivities) {
        assertThat(application).hasPassed("Task_RecordWithdrawal").isNotWaitingAt(interruptedActivities);
        Assertions.assertThat(timerDueDates()).isEmpty();
        Assertions.assertThat(BpmnAwareTests.taskQuery().count()).isZero();
    }

    /** The boundary events whose timer is due at the engine's current time. */
    private static List<String> dueTimers() {
        return managementService().createJobQuery().timers().executable().list().stream()
                .map(ProcessJobs::activityOf).toList();
    }

    private JavaDelegate step(JavaDelegate effect) {
        return ProcessJobs.recording(steps, effect);
    }

    /** The create listener of a review task: the real one revokes excluded reviewers, no variable changes. */
    private TaskListener screen() {
        return task -> screenedTasks.add(task.getId());
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

    private void scheduleReviews(DelegateExecution execution) {
        Instant dueAt = ClockUtil.getCurrentTime().toInstant().plus(REVIEW_PERIOD);
        for (ReviewKind kind : List.of(ReviewKind.LEGAL, ReviewKind.TECHNICAL)) {
            execution.setVariable(field(kind, REVIEW_DUE_AT), Date.from(dueAt));
            execution.setVariable(field(kind, REVIEW_ESCALATION_AT), Date.from(dueAt.plus(ESCALATION_AFTER_DUE)));
        }
    }

    private void recordReview(DelegateExecution execution, ReviewKind kind) {
        boolean conflict = CONFLICT.equals(execution.getVariable(field(kind, CONFLICT_FIELD)));
        if (!conflict) {
            reviews.put(kind, formScores(execution, kind));
        }
        execution.setVariable(field(kind, CONFLICT_DECLARED), conflict);
        execution.removeVariables(formFields(kind));
    }

    private void compareReviews(DelegateExecution execution) {
        Scores legal = reviews.get(ReviewKind.LEGAL);
        Scores technical = reviews.get(ReviewKind.TECHNICAL);
        boolean diverge = Scores.diverge(legal, technical, DIVERGENCE);
        setDecisionInputs(execution, Scores.mean(legal, technical));
        execution.setVariable(REVIEWS_DIVERGE, diverge);
        if (diverge) {
            execution.setVariable(REVIEW_COMPARISON, "| Critère | Revue juridique | Revue technique |");
        }
    }

    private void recordConsensus(DelegateExecution execution) {
        setDecisionInputs(execution, formScores(execution, ReviewKind.CONSENSUS));
        execution.removeVariables(formFields(ReviewKind.CONSENSUS));
        execution.removeVariable(REVIEW_COMPARISON);
    }

    private void recordReviewOutcome(DelegateExecution execution) {
        reviewOutcome.putAll(decisionResult(execution, REVIEW_OUTCOME));
        for (Criterion criterion : Criterion.values()) {
            reviewOutcome.put(criterion.field(), execution.getVariable(criterion.field()));
        }
        execution.removeVariable(REVIEW_OUTCOME);
    }

    private static Scores formScores(DelegateExecution execution, ReviewKind kind) {
        Map<Criterion, BigDecimal> scores = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            scores.put(criterion, new BigDecimal((String) execution.getVariable(field(kind, criterion.field()))));
        }
        return new Scores(scores);
    }

    /** ReviewOutcomeDecision's inputs, as Doubles. */
    private static void setDecisionInputs(DelegateExecution execution, Scores scores) {
        for (Criterion criterion : Criterion.values()) {
            execution.setVariable(criterion.field(), scores.of(criterion).doubleValue());
        }
    }

    private static List<String> formFields(ReviewKind kind) {
        List<String> fields = new ArrayList<>(List.of(field(kind, CONFLICT_FIELD), field(kind, CONFLICT_DETAILS_FIELD),
                field(kind, REMARKS_FIELD), field(kind, REASON_FIELD)));
        for (Criterion criterion : Criterion.values()) {
            fields.add(field(kind, criterion.field()));
            fields.add(field(kind, criterion.justificationField()));
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decisionResult(DelegateExecution execution, String variable) {
        return (Map<String, Object>) execution.getVariable(variable);
    }
}
