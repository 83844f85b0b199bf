package fr.bacasable.security.internal;

import static fr.bacasable.security.StaffGroups.CAMUNDA_ADMIN;
import static fr.bacasable.security.StaffGroups.PROGRAMME_MANAGERS;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import fr.bacasable.security.ProcessAccess;
import fr.bacasable.security.ProcessAccess.TaskWorkers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * What each staff group may do in the engine: programme managers and administrators here, the groups
 * that work a module's tasks as that module declares them ({@link ProcessAccess}). Tasks are not listed:
 * the engine grants a group access to a task when the group becomes a candidate for it, so a reviewer
 * sees only the tasks of the groups they belong to. {@code TASK_ASSIGN} lets people give back a task
 * they took (the engine's unclaim); who may be given a task is decided by
 * {@code StaffTaskAuthorizationProvider}. The {@code inspection} group has no grant at all.
 */
final class AccessPolicy {

    static final String ANY = "*";

    record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
    }

    private AccessPolicy() {
    }

    static List<Grant> grants(List<ProcessAccess> modules) {
        List<Grant> grants = new ArrayList<>();
        grants.add(grant(PROGRAMME_MANAGERS, APPLICATION, "tasklist", Permissions.ACCESS));
        grants.add(grant(PROGRAMME_MANAGERS, APPLICATION, "cockpit", Permissions.ACCESS));
        grants.add(grant(PROGRAMME_MANAGERS, PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.RETRY_JOB));
        grants.add(grant(PROGRAMME_MANAGERS, PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE,
                ProcessInstancePermissions.READ));
        grants.add(grant(PROGRAMME_MANAGERS, DECISION_DEFINITION, ANY, Permissions.READ,
                Permissions.CREATE_INSTANCE, Permissions.READ_HISTORY));
        grants.add(grant(PROGRAMME_MANAGERS, DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
        grants.add(grant(PROGRAMME_MANAGERS, DEPLOYMENT, ANY, Permissions.READ));

        for (ProcessAccess module : modules) {
            for (TaskWorkers workers : module.taskWorkers()) {
                for (String groupId : workers.groupIds()) {
                    grants.add(grant(groupId, APPLICATION, "tasklist", Permissions.ACCESS));
                    grants.add(grant(groupId, PROCESS_DEFINITION, workers.processKey(),
                            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.TASK_ASSIGN));
                }
            }
        }
        for (Resources resource : Resources.values()) {
            grants.add(grant(CAMUNDA_ADMIN, resource, ANY, Permissions.ALL));
        }
        return List.copyOf(grants);
    }

    private static Grant grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        return new Grant(groupId, resource, resourceId, Arrays.asList(permissions));
    }
}
