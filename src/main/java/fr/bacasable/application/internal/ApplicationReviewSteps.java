package fr.bacasable.application.internal;

import static fr.bacasable.application.ApplicationReviewVariables.AI_ACT_ASSESSMENT;
import static fr.bacasable.application.ApplicationReviewVariables.ANSWER_DUE_AT;
import static fr.bacasable.application.ApplicationReviewVariables.APPLICATION_ID;
import static fr.bacasable.application.ApplicationReviewVariables.COMPLETENESS;
import static fr.bacasable.application.ApplicationReviewVariables.COMPLETENESS_INCOMPLETE;
import static fr.bacasable.application.ApplicationReviewVariables.DPIA_ASSESSMENT;
import static fr.bacasable.application.ApplicationReviewVariables.ELIGIBILITY;
import static fr.bacasable.application.ApplicationReviewVariables.ELIGIBLE;
import static fr.bacasable.application.ApplicationReviewVariables.INFORMATION_REQUEST_ID;
import static fr.bacasable.application.ApplicationReviewVariables.INFORMATION_REQUEST_TEXT;
import static fr.bacasable.application.ApplicationReviewVariables.REMINDER_AT;

import fr.bacasable.application.AiActRiskResult;
import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.DpiaRequirementResult;
import fr.bacasable.application.EligibilityResult;
import fr.bacasable.application.InformationRequest;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.shared.ProgrammeTime;
import fr.bacasable.shared.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ProcessEngineServicesAware;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code ApplicationReviewProcess} that change the application: each writes our
 * tables in the process's transaction, so the status always matches where the process is.
 */
@Component
class ApplicationReviewSteps {

    static final int INFORMATION_REQUEST_MAX = 4000;
    static final Duration REMINDER_BEFORE_DUE = Duration.ofDays(3);
    private static final List<String> COMPLETENESS_FORM = List.of(COMPLETENESS, INFORMATION_REQUEST_TEXT);

    private final ApplicationRepository applications;
    private final InformationRequestRepository informationRequests;
    private final ApplicationEventLog events;
    private final ApplicationNotices notices;
    private final CampaignService campaigns;
    private final Clock clock;

    ApplicationReviewSteps(ApplicationRepository applications, InformationRequestRepository informationRequests,
            ApplicationEventLog events, ApplicationNotices notices, CampaignService campaigns, Clock clock) {
        this.applications = applications;
        this.informationRequests = informationRequests;
        this.events = events;
        this.notices = notices;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** "Enregistrer l'éligibilité": keeps EligibilityDecision's result, tells an ineligible applicant why. */
    void recordEligibility(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        EligibilityResult result = EligibilityResult.from(decisionResult(execution, ELIGIBILITY));
        boolean eligible = result.eligible();
        String reason = result.ineligibilityReason();
        applications.recordEligibility(application.id(), eligible, reason, clock.instant());
        if (eligible) {
            events.record(application.id(), ApplicationEventType.ELIGIBLE, null, null);
        } else {
            applications.updateStatus(application.id(), ApplicationStatus.INELIGIBLE, clock.instant());
            events.record(application.id(), ApplicationEventType.INELIGIBLE, null, reason);
            notices.enqueue(application, NotificationTemplate.INELIGIBLE, Map.of("reason", reason));
        }
        execution.setVariable(ELIGIBLE, eligible);
        execution.removeVariable(ELIGIBILITY);
    }

    /** "Enregistrer l'auto-évaluation": keeps the DPIA and AI Act results for the reviewers. */
    void recordSelfAssessment(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        DpiaRequirementResult dpia = DpiaRequirementResult.from(decisionResult(execution, DPIA_ASSESSMENT));
        AiActRiskResult aiAct = AiActRiskResult.from(decisionResult(execution, AI_ACT_ASSESSMENT));
        applications.recordSelfAssessment(application.id(), dpia.dpiaCriteriaMet(), nameOf(dpia.dpiaRequirement()),
                nameOf(aiAct.aiActRiskLevel()), aiAct.fundamentalRightsImpactAssessmentRequired(), clock.instant());
        execution.removeVariables(List.of(DPIA_ASSESSMENT, AI_ACT_ASSESSMENT));
    }

    /**
     * "Demander des compléments", after a manager found the file incomplete: the form's text becomes
     * an information request the applicant has until its due date to answer. A missing or too long
     * text is refused here, so the completion of the form is rolled back and the task stays open.
     */
    void requestInformation(DelegateExecution execution) {
        if (!COMPLETENESS_INCOMPLETE.equals(execution.getVariable(COMPLETENESS))) {
            throw new FormFieldValidationException(COMPLETENESS, "Indiquez si le dossier est complet.");
        }
        String text = (String) execution.getVariable(INFORMATION_REQUEST_TEXT);
        if (text == null || text.isBlank()) {
            throw new FormFieldValidationException(INFORMATION_REQUEST_TEXT,
                    "Précisez les compléments demandés au candidat.");
        }
        if (Texts.hasForbiddenCharacters(text)) {
            throw new FormFieldValidationException(INFORMATION_REQUEST_TEXT,
                    "La demande de compléments contient des caractères non autorisés.");
        }
        if (text.strip().length() > INFORMATION_REQUEST_MAX) {
            throw new FormFieldValidationException(INFORMATION_REQUEST_TEXT,
                    "La demande de compléments ne doit pas dépasser 4000 caractères.");
        }
        ApplicationDetails application = application(execution);
        InformationRequest request = createInformationRequest(execution, application, text.strip());
        execution.setVariable(INFORMATION_REQUEST_ID, request.id());
        execution.removeVariables(COMPLETENESS_FORM);
        applications.updateStatus(application.id(), ApplicationStatus.AWAITING_APPLICANT, clock.instant());
        events.record(application.id(), ApplicationEventType.INFORMATION_REQUESTED, request.requestedBy(), null);
        notices.enqueue(application, NotificationTemplate.INFORMATION_REQUEST, Map.of(
                "message", request.message(),
                "dueDate", lastDayToAnswer(request)));
        execution.setVariable(ANSWER_DUE_AT, Date.from(request.dueAt()));
        execution.setVariable(REMINDER_AT, Date.from(reminderTime(request)));
    }

    /** "Relancer le candidat", three days before the due date. */
    void remindApplicant(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        InformationRequest request = informationRequests
                .find((String) execution.getVariable(INFORMATION_REQUEST_ID)).orElseThrow();
        events.record(application.id(), ApplicationEventType.REMINDER_SENT, null, null);
        notices.enqueue(application, NotificationTemplate.ANSWER_REMINDER, Map.of(
                "message", request.message(),
                "dueDate", lastDayToAnswer(request)));
    }

    /** "Clore la candidature incomplète": no answer by the due date. */
    void closeIncomplete(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        applications.updateStatus(application.id(), ApplicationStatus.CLOSED_INCOMPLETE, clock.instant());
        events.record(application.id(), ApplicationEventType.CLOSED_INCOMPLETE, null, null);
        notices.enqueue(application, NotificationTemplate.CLOSED_INCOMPLETE, Map.of());
    }

    /** "Lancer l'instruction": the file is complete. */
    void markUnderReview(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        execution.removeVariables(COMPLETENESS_FORM);
        applications.updateStatus(application.id(), ApplicationStatus.UNDER_REVIEW, clock.instant());
        events.record(application.id(), ApplicationEventType.COMPLETENESS_CONFIRMED, currentUser(execution), null);
    }

    /** "Enregistrer le retrait", from whatever state the application was waiting in. */
    void recordWithdrawal(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        applications.updateStatus(application.id(), ApplicationStatus.WITHDRAWN, clock.instant());
        events.record(application.id(), ApplicationEventType.WITHDRAWN, null, null);
        notices.enqueue(application, NotificationTemplate.WITHDRAWN, Map.of());
    }

    private InformationRequest createInformationRequest(DelegateExecution execution, ApplicationDetails application,
            String text) {
        int answerDays = campaigns.find(application.campaignId()).map(Campaign::informationAnswerDays)
                .orElseThrow();
        Instant now = clock.instant();
        LocalDate lastDay = LocalDate.now(clock).plusDays(answerDays);
        InformationRequest request = new InformationRequest(UUID.randomUUID().toString(), application.id(), text,
                currentUser(execution), now, ProgrammeTime.startOf(lastDay.plusDays(1)).toInstant(), null, null);
        informationRequests.insert(request);
        return request;
    }

    /**
     * Three days before the due date; with a shorter delay there is nothing to remind, so the
     * reminder is set after the due date, when the overdue timer has already cancelled it.
     */
    private static Instant reminderTime(InformationRequest request) {
        Instant reminderAt = request.dueAt().minus(REMINDER_BEFORE_DUE);
        return reminderAt.isAfter(request.requestedAt()) ? reminderAt : request.dueAt().plus(Duration.ofDays(1));
    }

    /** The request is due at midnight starting the day after the last day to answer. */
    private static LocalDate lastDayToAnswer(InformationRequest request) {
        return LocalDate.ofInstant(request.dueAt(), ProgrammeTime.ZONE).minusDays(1);
    }

    private ApplicationDetails application(VariableScope scope) {
        return applications.findById((String) scope.getVariable(APPLICATION_ID)).orElseThrow().details();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decisionResult(DelegateExecution execution, String variable) {
        return (Map<String, Object>) execution.getVariable(variable);
    }

    /** A decision's value as our tables keep it: the name of the constant, null when the table gave none. */
    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String currentUser(ProcessEngineServicesAware scope) {
        Authentication authentication = scope.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
