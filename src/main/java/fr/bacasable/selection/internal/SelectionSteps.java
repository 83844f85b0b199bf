package fr.bacasable.selection.internal;

import static fr.bacasable.selection.CampaignSelectionVariables.ANNOUNCEMENT_CURSOR;
import static fr.bacasable.selection.CampaignSelectionVariables.ANNOUNCEMENT_PAGES;
import static fr.bacasable.selection.CampaignSelectionVariables.CAMPAIGN_ID;
import static fr.bacasable.selection.CampaignSelectionVariables.COMMITTEE_REMARK;
import static fr.bacasable.selection.CampaignSelectionVariables.DECISION_CONFIRM;
import static fr.bacasable.selection.CampaignSelectionVariables.DECISION_SEND_BACK;
import static fr.bacasable.selection.CampaignSelectionVariables.PENDING_REVIEWS;
import static fr.bacasable.selection.CampaignSelectionVariables.PRESIDENT_REMARK;
import static fr.bacasable.selection.CampaignSelectionVariables.REVIEW_DEADLINE;
import static fr.bacasable.selection.CampaignSelectionVariables.SELECTION_CONFIRMED;
import static fr.bacasable.selection.CampaignSelectionVariables.SELECTION_DECISION;
import static fr.bacasable.selection.CampaignSelectionVariables.SELECTION_SUMMARY;
import static fr.bacasable.selection.CampaignSelectionVariables.SENT_BACK_REMARK;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.ApplicationOutcomes;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.selection.ApplicationSelectionVariables;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.RankedApplication;
import fr.bacasable.selection.RankingService;
import fr.bacasable.selection.SelectionEventType;
import fr.bacasable.selection.SelectionLine;
import fr.bacasable.selection.SelectionWithdrawalVariables;
import fr.bacasable.shared.ProgrammeTime;
import fr.bacasable.shared.Texts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code CampaignSelectionProcess} (waiting for the reviews, the proposal, the president's
 * decision, telling each application), of {@code ApplicationSelectionProcess} (the outcome and its letter,
 * the promotion of a reserve) and of {@code SelectionWithdrawalProcess} (a withdrawal that frees a
 * laureate's place).
 * Each writes in the process's transaction; a step that tells another process does it by message
 * correlation that fails loudly, so its job is retried and ends in an incident rather than missing one.
 */
@Component
class SelectionSteps {

    static final int REMARK_MAX = 4000;
    /** How many applications one job of the announcement tells; the jobs run one after the other. */
    static final int ANNOUNCEMENT_PAGE = 100;
    /** How many references an incident of the announcement names at most. */
    private static final int REFERENCES_SHOWN = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SelectionSteps.class);

    private final SelectionRepository selections;
    private final RankingService ranking;
    private final CampaignService campaigns;
    private final ApplicationDirectory applications;
    private final ApplicationOutcomes outcomes;
    private final OutcomeLetters letters;
    private final NotificationService notifications;
    private final SelectionSummary summary;
    private final Clock clock;

    SelectionSteps(SelectionRepository selections, RankingService ranking, CampaignService campaigns,
            ApplicationDirectory applications, ApplicationOutcomes outcomes, OutcomeLetters letters,
            NotificationService notifications, SelectionSummary summary, Clock clock) {
        this.selections = selections;
        this.ranking = ranking;
        this.campaigns = campaigns;
        this.applications = applications;
        this.outcomes = outcomes;
        this.letters = letters;
        this.notifications = notifications;
        this.summary = summary;
        this.clock = clock;
    }

    /** "Compter les instructions en cours". */
    void countPendingReviews(DelegateExecution execution) {
        execution.setVariable(PENDING_REVIEWS, applications.countInProgressBeforeSelection(campaignId(execution)));
    }

    /** "Alerter les gestionnaires": one message per application still on its way, to every programme manager. */
    void escalatePendingReviews(DelegateExecution execution) {
        LocalDate deadline = LocalDate.ofInstant(((Date) execution.getVariable(REVIEW_DEADLINE)).toInstant(),
                ProgrammeTime.ZONE);
        List<User> managers = execution.getProcessEngineServices().getIdentityService().createUserQuery()
                .memberOfGroup(StaffGroups.PROGRAMME_MANAGERS).list();
        List<String> pending = applications.inProgressBeforeSelection(campaignId(execution));
        for (String applicationId : pending) {
            ApplicationDetails application = applications.get(applicationId);
            for (User manager : managers) {
                if (manager.getEmail() == null || manager.getEmail().isBlank()) {
                    continue;
                }
                Map<String, Object> model = new HashMap<>(applications.noticeModel(application));
                model.put("contactName", fullName(manager));
                model.put("dueDate", deadline.minusDays(1));
                model.put("status", application.status().label());
                notifications.enqueue(applicationId, NotificationTemplate.REVIEWS_OVERDUE, manager.getEmail(), model);
            }
        }
    }

    /**
     * "Établir le classement et la proposition": one line per shortlisted application in rank order
     * with the capacities' proposal, and one per rejected application. Run again after a crash, it
     * keeps the lines already written.
     */
    void prepareSelection(DelegateExecution execution) {
        Campaign campaign = campaign(execution);
        if (!selections.hasLines(campaign.id())) {
            for (RankedApplication line : ranking.rank(campaign)) {
                selections.insertLine(campaign.id(), line.application().applicationId(), line.rank(),
                        line.proposedOutcome());
            }
            for (String rejected : applications.rejectedAfterReview(campaign.id())) {
                selections.insertLine(campaign.id(), rejected, null, Outcome.REJECTED);
            }
            selections.record(campaign.id(), null, SelectionEventType.PREPARED, null, null, null, null,
                    clock.instant());
            campaigns.changeStatus(campaign.id(), CampaignStatus.SELECTION);
        }
        execution.setVariable(SELECTION_SUMMARY, summary.of(campaign));
    }

    /** "Enregistrer la proposition": the committee's remark is kept; the capacities are checked once more. */
    void recordSelectionProposal(DelegateExecution execution) {
        Campaign campaign = campaign(execution);
        Optional<String> overflow = Capacities.firstOverflow(campaign, selections.linesOf(campaign.id()));
        if (overflow.isPresent()) {
            throw new FormFieldValidationException(COMMITTEE_REMARK, overflow.get());
        }
        String remark = optionalText(execution, COMMITTEE_REMARK);
        selections.record(campaign.id(), null, SelectionEventType.PROPOSED, null, null, currentUser(execution), remark,
                clock.instant());
        execution.removeVariable(SENT_BACK_REMARK);
        execution.setVariable(SELECTION_SUMMARY, summary.of(campaign));
    }

    /**
     * "Enregistrer la décision": confirmed, the outcomes are fixed and the applications to tell are
     * listed; sent back, the president's remark goes to the committee.
     */
    void recordSelectionDecision(DelegateExecution execution) {
        Campaign campaign = campaign(execution);
        Object decision = execution.getVariable(SELECTION_DECISION);
        String remark = optionalText(execution, PRESIDENT_REMARK);
        String president = currentUser(execution);
        if (DECISION_SEND_BACK.equals(decision)) {
            if (remark == null) {
                throw new FormFieldValidationException(PRESIDENT_REMARK,
                        "Indiquez au comité ce qui doit être revu dans la sélection.");
            }
            selections.record(campaign.id(), null, SelectionEventType.SENT_BACK, null, null, president, remark,
                    clock.instant());
            execution.setVariable(SENT_BACK_REMARK, remark);
            execution.setVariable(SELECTION_CONFIRMED, false);
        } else if (DECISION_CONFIRM.equals(decision)) {
            selections.decide(campaign.id());
            selections.record(campaign.id(), null, SelectionEventType.CONFIRMED, null, null, president, remark,
                    clock.instant());
            campaigns.changeStatus(campaign.id(), CampaignStatus.RESULTS_ANNOUNCED);
            int lines = selections.countLines(campaign.id());
            execution.setVariable(ANNOUNCEMENT_PAGES, (lines + ANNOUNCEMENT_PAGE - 1) / ANNOUNCEMENT_PAGE);
            execution.removeVariable(ANNOUNCEMENT_CURSOR);
            execution.setVariable(SELECTION_CONFIRMED, true);
        } else {
            throw new FormFieldValidationException(SELECTION_DECISION,
                    "Choisissez d'arrêter la sélection ou de la renvoyer au comité.");
        }
        execution.removeVariables(List.of(SELECTION_DECISION, PRESIDENT_REMARK));
    }

    /**
     * "Informer les candidatures de leur issue", one page of the selection lines per job, one job after
     * the other: tells each application's process the outcome the selection holds now (a reserve
     * promoted meanwhile is told LAUREATE). Each application is told once: its line is marked in the
     * same transaction as the correlation. An application whose process is not waiting for it (suspended
     * in Cockpit, say) is left for "Vérifier que chaque candidature est informée", so it holds back no other.
     */
    void announceOutcome(DelegateExecution execution) {
        List<SelectionLine> page = selections.page(campaignId(execution),
                (String) execution.getVariable(ANNOUNCEMENT_CURSOR), ANNOUNCEMENT_PAGE);
        for (SelectionLine line : page) {
            tellIfWaiting(execution, line.applicationId());
        }
        if (!page.isEmpty()) {
            execution.setVariable(ANNOUNCEMENT_CURSOR, page.get(page.size() - 1).applicationId());
        }
    }

    /**
     * "Vérifier que chaque candidature est informée": tells those the pages could not, and fails while
     * any is left (its job retried, then an incident naming them).
     */
    void checkAnnouncements(DelegateExecution execution) {
        List<String> untold = selections.untold(campaignId(execution)).stream()
                .filter(line -> !tellIfWaiting(execution, line.applicationId()))
                .map(line -> applications.get(line.applicationId()).reference())
                .toList();
        if (!untold.isEmpty()) {
            throw new ProcessEngineException(untold.size() + " candidature(s) n'ont pas pu être informées de leur "
                    + "issue (processus suspendu ou qui n'attend pas la sélection) : "
                    + String.join(", ", untold.subList(0, Math.min(untold.size(), REFERENCES_SHOWN)))
                    + (untold.size() > REFERENCES_SHOWN ? "…" : ""));
        }
        execution.removeVariable(ANNOUNCEMENT_CURSOR);
    }

    /** Tells the application its outcome unless it was told or withdrew; false when its process is not waiting. */
    private boolean tellIfWaiting(DelegateExecution execution, String applicationId) {
        SelectionLine line = selections.lock(applicationId).orElseThrow();
        if (line.announcedAt() != null || line.withdrawn()) {
            return true;
        }
        ApplicationDetails application = applications.get(applicationId);
        RuntimeService runtimeService = execution.getProcessEngineServices().getRuntimeService();
        // By process instance id, not business key: the engine then reads that instance's rows only,
        // where a business key lets the database start from every subscription to the message.
        ProcessInstance selection = runtimeService.createProcessInstanceQuery()
                .superProcessInstanceId(application.processInstanceId())
                .processDefinitionKey(ApplicationSelectionVariables.PROCESS_KEY).singleResult();
        boolean waiting = selection != null && runtimeService.createExecutionQuery()
                .processInstanceId(selection.getId())
                .messageEventSubscriptionName(ApplicationSelectionVariables.MESSAGE_SELECTION_DECIDED).active()
                .count() > 0;
        if (!waiting) {
            LOG.warn("Application {} is not waiting for its selection outcome: left for the announcement's check",
                    application.reference());
            return false;
        }
        runtimeService.createMessageCorrelation(ApplicationSelectionVariables.MESSAGE_SELECTION_DECIDED)
                .processInstanceId(selection.getId())
                .setVariable(ApplicationSelectionVariables.SELECTION_OUTCOME, line.outcome().name())
                .correlateWithResult();
        selections.markAnnounced(applicationId, clock.instant());
        selections.record(line.campaignId(), applicationId, SelectionEventType.ANNOUNCED, null, line.outcome(), null,
                null, clock.instant());
        return true;
    }

    /** In the application's process, "Enregistrer l'issue de la sélection": its status and its letter. */
    void recordSelectionOutcome(DelegateExecution execution) {
        String applicationId = applicationId(execution);
        Outcome outcome = Outcome.valueOf((String) execution.getVariable(ApplicationSelectionVariables.SELECTION_OUTCOME));
        switch (outcome) {
            case LAUREATE -> outcomes.record(applicationId, ApplicationStatus.LAUREATE,
                    ApplicationEventType.SELECTED_LAUREATE, null, null);
            case ADVISED -> outcomes.record(applicationId, ApplicationStatus.ADVISED,
                    ApplicationEventType.SELECTED_ADVISED, null, null);
            case RESERVE -> outcomes.record(applicationId, ApplicationStatus.RESERVE,
                    ApplicationEventType.RESERVE_LISTED, null, null);
            case NOT_SELECTED -> outcomes.record(applicationId, ApplicationStatus.NOT_SELECTED,
                    ApplicationEventType.NOT_SELECTED, null, null);
            case REJECTED -> outcomes.record(applicationId, ApplicationStatus.REJECTED,
                    ApplicationEventType.DECISION_SENT, null, null);
        }
        letters.enqueueDecision(applicationId, outcome);
    }

    /** In the application's process, "Enregistrer la promotion": a reserve application becomes a laureate. */
    void recordPromotion(DelegateExecution execution) {
        String applicationId = applicationId(execution);
        outcomes.record(applicationId, ApplicationStatus.LAUREATE, ApplicationEventType.PROMOTED, null, null);
        letters.enqueuePromotion(applicationId);
        execution.setVariable(ApplicationSelectionVariables.SELECTION_OUTCOME, Outcome.LAUREATE.name());
    }

    /**
     * In the application's withdrawal, "Libérer la place dans la sélection": the line is marked
     * withdrawn; a laureate of a decided selection frees a place for the reserve list.
     */
    void releaseSelectionPlace(DelegateExecution execution) {
        String applicationId = applicationId(execution);
        Optional<SelectionLine> found = selections.find(applicationId);
        boolean freed = false;
        if (found.isPresent()) {
            selections.lockAll(found.get().campaignId());
            SelectionLine line = selections.lock(applicationId).orElseThrow();
            if (!line.withdrawn()) {
                selections.markWithdrawn(applicationId, clock.instant());
                selections.record(line.campaignId(), applicationId, SelectionEventType.WITHDRAWN, line.outcome(), null,
                        null, null, clock.instant());
                freed = line.outcome() == Outcome.LAUREATE && line.decidedOutcome() != null;
            }
        }
        execution.setVariable(SelectionWithdrawalVariables.LAUREATE_PLACE_FREED, freed);
    }

    /**
     * "Promouvoir la première candidature de la liste complémentaire", while the laureates are fewer
     * than the capacity. A reserve already told its outcome is told its promotion; one not told yet
     * will be told LAUREATE by the announcement.
     */
    void promoteFirstReserve(DelegateExecution execution) {
        String campaignId = selections.find(applicationId(execution)).orElseThrow().campaignId();
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        List<SelectionLine> lines = selections.lockAll(campaignId);
        long laureates = lines.stream().filter(line -> !line.withdrawn() && line.outcome() == Outcome.LAUREATE).count();
        if (laureates >= campaign.laureateCapacity()) {
            return;
        }
        Optional<SelectionLine> firstReserve = lines.stream()
                .filter(line -> !line.withdrawn() && line.outcome() == Outcome.RESERVE).findFirst();
        if (firstReserve.isEmpty()) {
            LOG.info("No reserve application left in campaign {} to take a laureate's place", campaignId);
            return;
        }
        SelectionLine promoted = firstReserve.get();
        String withdrawnReference = applications.get(applicationId(execution)).reference();
        String reason = "Désistement de la candidature lauréate " + withdrawnReference;
        selections.move(promoted.applicationId(), Outcome.LAUREATE, reason, null, clock.instant());
        selections.record(campaignId, promoted.applicationId(), SelectionEventType.PROMOTED, Outcome.RESERVE,
                Outcome.LAUREATE, null, reason, clock.instant());
        if (promoted.announcedAt() != null) {
            execution.getProcessEngineServices().getRuntimeService()
                    .createMessageCorrelation(ApplicationSelectionVariables.MESSAGE_RESERVE_PROMOTED)
                    .processInstanceBusinessKey(applications.get(promoted.applicationId()).reference())
                    .correlateWithResult();
        }
    }

    private Campaign campaign(DelegateExecution execution) {
        return campaigns.find(campaignId(execution)).orElseThrow();
    }

    private static String campaignId(DelegateExecution execution) {
        return (String) execution.getVariable(CAMPAIGN_ID);
    }

    private static String applicationId(DelegateExecution execution) {
        return (String) execution.getVariable(ApplicationSelectionVariables.APPLICATION_ID);
    }

    /** A remark from a form: blank is none; control characters and over-long texts are refused. */
    private static String optionalText(DelegateExecution execution, String field) {
        Object value = execution.getVariable(field);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().strip();
        if (Texts.hasForbiddenCharacters(text)) {
            throw new FormFieldValidationException(field, "Le texte contient des caractères non autorisés.");
        }
        if (text.length() > REMARK_MAX) {
            throw new FormFieldValidationException(field, "Le texte ne doit pas dépasser 4000 caractères.");
        }
        return text;
    }

    private static String currentUser(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private static String fullName(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getId() : name;
    }
}
