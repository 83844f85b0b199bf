package fr.bacasable.security.internal;

import fr.bacasable.security.StaffGroups;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Who works a task is the process's business, not a person's: people may claim a task they may work
 * and give it back; only programme managers hand a task to someone else, and only to a person who
 * may work it (a member of its candidate group not excluded from it). Nobody changes a task's owner
 * or candidates. Administrators are not limited; changes the process makes while a person completes
 * a task (the next tasks' candidates) are the model's and pass.
 * <p>
 * Candidates and assignees get no grant on the task's history: the engine reads such a grant as
 * access to every variable of the task's whole process instance, the other reviews included.
 */
class StaffTaskAuthorizationProvider extends DefaultAuthorizationProvider {

    static final String REASSIGNMENT_REFUSED = "Seule la gestion du programme peut confier une tâche à une autre "
            + "personne, et seulement à un membre du groupe de la tâche qui n'en est pas écarté.";
    static final String CANDIDATES_REFUSED = "Les personnes et groupes d'une tâche sont fixés par le processus : "
            + "ils ne peuvent pas être modifiés.";

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        String actor = actingPerson();
        if (actor != null && !mayAssign(actor, task, oldAssignee, newAssignee)) {
            throw new AuthorizationException(REASSIGNMENT_REFUSED);
        }
        return super.newTaskAssignee(task, oldAssignee, newAssignee);
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
        refuseCandidateChange();
        return super.newTaskOwner(task, oldOwner, newOwner);
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        refuseCandidateChange();
        return super.newTaskUserIdentityLink(task, userId, type);
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        refuseCandidateChange();
        return super.newTaskGroupIdentityLink(task, groupId, type);
    }

    @Override
    public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
        refuseCandidateChange();
        return super.deleteTaskUserIdentityLink(task, userId, type);
    }

    @Override
    public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
        refuseCandidateChange();
        return super.deleteTaskGroupIdentityLink(task, groupId, type);
    }

    @Override
    protected AuthorizationEntity[] createOrUpdateAuthorizations(Task task, String groupId, String userId) {
        return new AuthorizationEntity[] {createOrUpdateAuthorization(task, userId, groupId, Resources.TASK, false,
                getRuntimePermissions(isEnforceSpecificVariablePermission()))};
    }

    private static boolean mayAssign(String actor, Task task, String oldAssignee, String newAssignee) {
        boolean manager = groupsOfActor().contains(StaffGroups.PROGRAMME_MANAGERS);
        if (newAssignee == null) {
            return manager || actor.equals(oldAssignee);
        }
        return (manager || actor.equals(newAssignee)) && mayWork(newAssignee, task.getId());
    }

    /** The engine's own check, as the new assignee: a grant to one of their groups and no revoke for them. */
    private static boolean mayWork(String userId, String taskId) {
        CommandContext commandContext = Context.getCommandContext();
        return commandContext.runWithoutAuthorization(() -> {
            List<String> groupIds = Context.getProcessEngineConfiguration().getIdentityService().createGroupQuery()
                    .groupMember(userId).list().stream().map(Group::getId).toList();
            return commandContext.getAuthorizationManager().isAuthorized(userId, groupIds, Permissions.TASK_WORK,
                    Resources.TASK, taskId);
        });
    }

    private static void refuseCandidateChange() {
        if (actingPerson() != null) {
            throw new AuthorizationException(CANDIDATES_REFUSED);
        }
    }

    /** The logged-in person whose own request this is; null for the application, the process and administrators. */
    private static String actingPerson() {
        CommandContext commandContext = Context.getCommandContext();
        String userId = commandContext.getAuthenticatedUserId();
        if (userId == null || groupsOfActor().contains(StaffGroups.CAMUNDA_ADMIN)
                || PeopleCommandGuard.insideProcessStep()) {
            return null;
        }
        return userId;
    }

    private static List<String> groupsOfActor() {
        List<String> groupIds = Context.getCommandContext().getAuthenticatedGroupIds();
        return groupIds == null ? List.of() : groupIds;
    }
}
