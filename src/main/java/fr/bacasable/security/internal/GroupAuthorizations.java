package fr.bacasable.security.internal;

import fr.bacasable.security.ProcessAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.internal.AccessPolicy.Grant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Creates the staff groups and brings their authorizations in line with {@link AccessPolicy}. */
@Component
class GroupAuthorizations {

    private static final Logger LOG = LoggerFactory.getLogger(GroupAuthorizations.class);

    private static final Map<String, String> GROUP_NAMES = Map.of(
            StaffGroups.PROGRAMME_MANAGERS, "Gestion du programme",
            StaffGroups.LEGAL_REVIEWERS, "Revue juridique",
            StaffGroups.TECHNICAL_REVIEWERS, "Revue technique",
            StaffGroups.SELECTION_COMMITTEE, "Comité de sélection",
            StaffGroups.PRESIDENT, "Présidence",
            StaffGroups.CAMUNDA_ADMIN, "Administration",
            StaffGroups.INSPECTION, "Inspection (aucun accès au bac à sable)");

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final List<ProcessAccess> modules;

    GroupAuthorizations(IdentityService identityService, AuthorizationService authorizationService,
            List<ProcessAccess> modules) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.modules = modules;
    }

    void apply() {
        StaffGroups.ALL.forEach(this::ensureGroup);
        List<Grant> grants = AccessPolicy.grants(modules);
        grants.forEach(this::ensureGrant);
        removeProcessGrantsNoModuleAsks(grants);
        revokeEverythingFrom(StaffGroups.INSPECTION);
        narrowTaskGrantsToWork();
        removeTaskHistoryGrants();
    }

    /** Grants a group READ on a stored Tasklist filter. */
    void grantFilterRead(String groupId, String filterId) {
        ensureGrant(new Grant(groupId, Resources.FILTER, filterId, List.of(Permissions.READ)));
    }

    private void ensureGroup(String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(GROUP_NAMES.get(groupId));
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
            LOG.info("Created group {}", groupId);
        }
    }

    private void ensureGrant(Grant grant) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(grant.groupId())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .singleResult();
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(grant.groupId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        }
        authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
        authorizationService.saveAuthorization(authorization);
    }

    /**
     * Tasks created before {@code TASK_WORK} became the engine's default kept {@code UPDATE} for their
     * candidates and assignees, which lets them reassign the task and write its variables.
     */
    private void narrowTaskGrantsToWork() {
        for (Authorization grant : authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.TASK)
                .hasPermission(Permissions.UPDATE).list()) {
            if (!AccessPolicy.ANY.equals(grant.getResourceId())) {
                grant.setPermissions(new Permission[] {Permissions.READ, Permissions.TASK_WORK});
                authorizationService.saveAuthorization(grant);
            }
        }
    }

    /** A process a module no longer declares (renamed, or its tasks moved to another process) opens nothing. */
    private void removeProcessGrantsNoModuleAsks(List<Grant> grants) {
        for (Authorization grant : authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.PROCESS_DEFINITION).list()) {
            boolean declared = grants.stream().anyMatch(expected -> expected.resource() == Resources.PROCESS_DEFINITION
                    && expected.groupId().equals(grant.getGroupId())
                    && expected.resourceId().equals(grant.getResourceId()));
            if (grant.getGroupId() != null && StaffGroups.ALL.contains(grant.getGroupId()) && !declared) {
                LOG.info("Removing the grant of group {} on process {}: no module declares it any more",
                        grant.getGroupId(), grant.getResourceId());
                authorizationService.deleteAuthorization(grant.getId());
            }
        }
    }

    /** Per-task history grants open the whole instance's variables; older releases gave them to candidates. */
    private void removeTaskHistoryGrants() {
        authorizationService.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK).list().stream()
                .filter(grant -> !AccessPolicy.ANY.equals(grant.getResourceId()))
                .forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
    }

    private void revokeEverythingFrom(String groupId) {
        for (Authorization authorization : authorizationService.createAuthorizationQuery().groupIdIn(groupId).list()) {
            LOG.warn("Removing authorization {} of group {}: this group must see nothing", authorization.getId(), groupId);
            authorizationService.deleteAuthorization(authorization.getId());
        }
    }
}
