package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.security.StaffUser;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Service;

/**
 * What the case page asks of the engine about an application's processes: its own and every process
 * it called (the reviews, the selection), found from its process instance as their root.
 */
@Service
class CaseProcess {

    /** A user task of one of the application's processes, finished or running. */
    record Step(Instant startedAt, String name, boolean running, String assignee) {
    }

    private final HistoryService historyService;
    private final TaskService taskService;
    private final IdentityService identityService;

    CaseProcess(HistoryService historyService, TaskService taskService, IdentityService identityService) {
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    /** The user tasks of the application's processes, oldest first. */
    List<Step> steps(ApplicationDetails application) {
        return processInstanceIds(application, false).stream()
                .flatMap(processInstanceId -> historyService.createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId).list().stream())
                .filter(step -> step.getActivityName() != null && step.getActivityType().endsWith("Task"))
                .map(step -> new Step(step.getStartTime().toInstant(), step.getActivityName(),
                        step.getEndTime() == null, step.getAssignee()))
                .sorted(Comparator.comparing(Step::startedAt))
                .toList();
    }

    /**
     * Whether the user may work a task of the application's processes right now, asked of the engine
     * as that user, so that its authorizations decide as in Tasklist: a task of one of their groups
     * that is not revoked for them (conflict of interest, four eyes), or a task assigned to them.
     */
    boolean mayWorkATask(StaffUser user, ApplicationDetails application) {
        List<String> running = processInstanceIds(application, true);
        if (running.isEmpty()) {
            return false;
        }
        Authentication previous = identityService.getCurrentAuthentication();
        identityService.setAuthentication(user.userId(), user.groupIds());
        try {
            return taskService.createTaskQuery().processInstanceIdIn(running.toArray(String[]::new))
                    .or().taskAssignee(user.userId()).taskCandidateUser(user.userId()).endOr()
                    .count() > 0;
        } finally {
            if (previous == null) {
                identityService.clearAuthentication();
            } else {
                identityService.setAuthentication(previous);
            }
        }
    }

    private List<String> processInstanceIds(ApplicationDetails application, boolean runningOnly) {
        if (application.processInstanceId() == null) {
            return List.of();
        }
        var query = historyService.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(application.processInstanceId());
        if (runningOnly) {
            query.unfinished();
        }
        return query.list().stream().map(HistoricProcessInstance::getId).toList();
    }
}
