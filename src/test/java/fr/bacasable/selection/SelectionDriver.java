package fr.bacasable.selection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.Applications;
import fr.bacasable.application.SubmissionReceipt;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.CallForProjectsVariables;
import fr.bacasable.campaign.CampaignDraft;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.shared.ProgrammeTime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Takes a campaign of its own through the real processes, as the staff would in Tasklist: publication,
 * applications, completeness, both reviews, closing. Tasks are completed as the demo users with
 * their groups (authorizations on); jobs run and the outbox is delivered here since the job executor
 * and the dispatcher are off in tests. Each applicant opens the tracking link, which confirms the address.
 */
public record SelectionDriver(CampaignService campaigns, IntakeService intake, RuntimeService runtimeService,
        TaskService taskService, ManagementService managementService, IdentityService identityService,
        JdbcClient jdbc, NotificationService notifications) {

    static final String CALL_FOR_PROJECTS = "CallForProjectsProcess";
    static final String APPLICATION_REVIEW = "ApplicationReviewProcess";

    /** An application submitted to the campaign. */
    public record Submitted(String reference, String token, String applicationId, String processInstanceId) {
    }

    /** Publishes a campaign open from today, with these places; returns its id. */
    public String publish(int laureates, int advised, int reserve) {
        LocalDate today = LocalDate.ofInstant(ClockUtil.now().toInstant(), ProgrammeTime.ZONE);
        String title = "Sélection " + UUID.randomUUID().toString().substring(0, 8);
        String processInstanceId = campaigns.startPublication(new CampaignDraft(title, "Thème de test", today,
                today.plusDays(30), laureates, advised, reserve, CampaignDraft.DEFAULT_ANSWER_DAYS,
                CampaignDraft.DEFAULT_REVIEW_DAYS));
        executeJobs(processInstanceId);
        return (String) runtimeService.getVariable(processInstanceId, CallForProjectsVariables.CAMPAIGN_ID);
    }

    public String campaignProcess(String campaignId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(CALL_FOR_PROJECTS)
                .variableValueEquals(CallForProjectsVariables.CAMPAIGN_ID, campaignId).singleResult().getId();
    }

    /** The campaign's selection, called by its process at closing. */
    public String selectionProcess(String campaignId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(CampaignSelectionVariables.PROCESS_KEY)
                .variableValueEquals(CampaignSelectionVariables.CAMPAIGN_ID, campaignId).singleResult().getId();
    }

    public Submitted submit(String campaignId, String projectTitle) {
        return submit(campaignId, Applications.submission(projectTitle));
    }

    Submitted submit(String campaignId, ApplicationSubmission submission) {
        SubmissionReceipt receipt = intake.submit(campaignId, submission, List.of());
        intake.track(receipt.reference(), receipt.trackingToken());
        String processInstanceId = runtimeService.createProcessInstanceQuery().processDefinitionKey(APPLICATION_REVIEW)
                .processInstanceBusinessKey(receipt.reference()).singleResult().getId();
        executeJobs(processInstanceId);
        String applicationId = jdbc.sql("SELECT id FROM application WHERE reference = :reference")
                .param("reference", receipt.reference()).query(String.class).single();
        return new Submitted(receipt.reference(), receipt.trackingToken(), applicationId, processInstanceId);
    }

    /** A programme manager finds the file complete; then both reviewers score it (a justification per criterion). */
    public void review(Submitted application, double[] legal, double[] technical) {
        markComplete(application);
        score(application, legal, technical, null);
    }

    /** A programme manager finds the file complete: the application is under review. */
    public void markComplete(Submitted application) {
        complete("manager", List.of("programme-managers"), task(application, "Task_CheckCompleteness"),
                Map.of("completeness", "COMPLETE"));
        executeJobs(application.processInstanceId());
    }

    /**
     * Both reviewers score the application under review; with {@code about}, each justification names
     * it (so a letter can be checked to carry its own application's justifications).
     */
    void score(Submitted application, double[] legal, double[] technical, String about) {
        complete("legal", List.of("legal-reviewers"), task(application, "Task_ReviewLegal"),
                form("legal", legal, about));
        complete("tech", List.of("technical-reviewers"), task(application, "Task_ReviewTechnical"),
                form("technical", technical, about));
        executeJobs(application.processInstanceId());
    }

    /** The closing date comes: its timer fires, as the job executor would fire it on the day. */
    public void close(String campaignId) {
        String processInstanceId = campaignProcess(campaignId);
        Job closing = managementService.createJobQuery().processInstanceId(processInstanceId)
                .activityId("Event_ClosingDateReached").singleResult();
        managementService.executeJob(closing.getId());
        executeJobs(processInstanceId);
    }

    Task task(Submitted application, String definitionKey) {
        return taskOf(application.processInstanceId(), definitionKey);
    }

    /** The open task of this process instance or of a process it called. */
    public Task taskOf(String processInstanceId, String definitionKey) {
        Task task = taskService.createTaskQuery().processInstanceIdIn(family(List.of(processInstanceId))
                        .toArray(String[]::new)).taskDefinitionKey(definitionKey).singleResult();
        assertThat(task).as("open task %s", definitionKey).isNotNull();
        return task;
    }

    /** Completes the task as this user, with the engine's authorization checks, as Tasklist does. */
    public void complete(String userId, List<String> groups, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(userId, groups);
        try {
            taskService.claim(task.getId(), userId);
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Runs the due jobs of these process instances until none is left, then delivers the outbox. */
    void executeJobs(String... processInstanceIds) {
        executeJobs(List.of(processInstanceIds));
    }

    /** Runs the due jobs of these process instances and the ones they called until none is left, then delivers the outbox. */
    void executeJobs(Collection<String> processInstanceIds) {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceIds(family(processInstanceIds))
                    .executable().list();
            if (jobs.isEmpty()) {
                notifications.dispatchDue();
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new AssertionError("Jobs keep coming");
    }

    /** These process instances and every process instance they called, at any depth. */
    Set<String> family(Collection<String> processInstanceIds) {
        Set<String> family = new HashSet<>(processInstanceIds);
        List<String> parents = List.copyOf(processInstanceIds);
        while (!parents.isEmpty()) {
            List<String> children = parents.stream()
                    .flatMap(parent -> runtimeService.createProcessInstanceQuery().superProcessInstanceId(parent)
                            .list().stream().map(ProcessInstance::getId))
                    .toList();
            family.addAll(children);
            parents = children;
        }
        return family;
    }

    /** Runs every due job of the engine until none is left, then delivers the outbox. */
    public void executeAllJobs() {
        for (int round = 0; round < 50; round++) {
            List<Job> jobs = managementService.createJobQuery().executable().list();
            if (jobs.isEmpty()) {
                notifications.dispatchDue();
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new AssertionError("Jobs keep coming");
    }

    public static Map<String, Object> form(String prefix, double[] scores) {
        return form(prefix, scores, null);
    }

    static Map<String, Object> form(String prefix, double[] scores, String about) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put(prefix + "ConflictOfInterest", "no");
        String[] criteria = {"Relevance", "DataProtectionInterest", "Quality", "Impact"};
        for (int index = 0; index < criteria.length; index++) {
            form.put(prefix + criteria[index] + "Score",
                    BigDecimal.valueOf(scores[index]).stripTrailingZeros().toPlainString());
            form.put(prefix + criteria[index] + "Justification", justification(prefix, criteria[index], about));
        }
        form.put(prefix + "Remarks", "Remarque interne de " + prefix + ".");
        return form;
    }

    /** The justification {@link #form} gives: "Appréciation juridique sur relevance." (then " de P07" with about). */
    static String justification(String prefix, String criterion, String about) {
        return "Appréciation " + ("legal".equals(prefix) ? "juridique" : "technique") + " sur "
                + criterion.toLowerCase() + (about == null ? "" : " de " + about) + ".";
    }
}
