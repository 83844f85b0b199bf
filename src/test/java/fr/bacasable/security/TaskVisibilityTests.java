package fr.bacasable.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.StaffLogin;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The tasks each staff member gets from the engine (through {@code AuthorizedTaskQueries}) are
 * exactly those of the engine's own task query and authorization check, run in the same JVM on the
 * same rows (revokes checked as soon as one concerns the user, the engine's default): for every staff
 * account and a few more, for the plain task query and every Tasklist filter they may read, count and
 * list, through the engine API, the engine REST API and the web applications' API as Tasklist sends it.
 * The rows mix candidate groups, candidate users, assignees, user and group REVOKEs (conflicts of
 * interest, the other review of the same application), a reviewer of both reviews, the inspection group
 * and the committee, on standalone tasks and on tasks of the process definitions (READ_TASK of the
 * programme managers).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskVisibilityTests {

    private static final String PASSWORD = StaffLogin.DEMO_PASSWORD;
    private static final String STOCK_SELECT = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity."
            + "selectTaskByQueryCriteria";
    private static final String STOCK_COUNT = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity."
            + "selectTaskCountByQueryCriteria";
    private static final String STOCK_VARIABLES = "org.camunda.bpm.engine.impl.persistence.entity."
            + "VariableInstanceEntity.selectVariableInstanceByQueryCriteria";
    private static final String STOCK_VARIABLE_COUNT = "org.camunda.bpm.engine.impl.persistence.entity."
            + "VariableInstanceEntity.selectVariableInstanceCountByQueryCriteria";
    private static final String CARD_VARIABLE = "reference";
    private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
    private static final String TASKLIST_LIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],"
            + "\"caseInstanceVariables\":[],\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
            + "\"active\":true}";
    /** The engine's cap on a page (query-max-results-limit). */
    private static final int MAX_RESULTS = 2000;
    private static final String LEGAL_BIS = "visibility-legal";
    private static final String BOTH_REVIEWS = "visibility-both";
    private static final List<String> USERS = List.of("manager", "legal", "tech", "committee", "president",
            "inspector", "admin", LEGAL_BIS, BOTH_REVIEWS);

    @Autowired
    private ProcessEngineConfiguration engineConfiguration;
    @Autowired
    private TaskService taskService;
    @Autowired
    private FilterService filterService;
    @Autowired
    private IdentityService identityService;
    @Autowired
    private AuthorizationService authorizationService;
    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private TestRestTemplate http;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> taskIds = new ArrayList<>();
    private final List<String> authorizationIds = new ArrayList<>();
    /** Tasks whose visibility the rows decide on purpose, by name. */
    private final Map<String, String> named = new LinkedHashMap<>();

    @BeforeAll
    void mixOfTasksAndAuthorizations() {
        identityService.clearAuthentication();
        createUser(LEGAL_BIS, StaffGroups.LEGAL_REVIEWERS);
        createUser(BOTH_REVIEWS, StaffGroups.LEGAL_REVIEWERS, StaffGroups.TECHNICAL_REVIEWERS);

        task("legal open", null, StaffGroups.LEGAL_REVIEWERS);
        task("legal claimed", null, StaffGroups.LEGAL_REVIEWERS);
        taskService.claim(named.get("legal claimed"), "legal");
        task("technical open", null, StaffGroups.TECHNICAL_REVIEWERS);
        task("both groups", null, StaffGroups.LEGAL_REVIEWERS, StaffGroups.TECHNICAL_REVIEWERS);
        task("candidate user only", null);
        taskService.addCandidateUser(named.get("candidate user only"), LEGAL_BIS);
        task("committee", null, StaffGroups.SELECTION_COMMITTEE);
        task("president", null, StaffGroups.PRESIDENT);
        task("managers", null, StaffGroups.PROGRAMME_MANAGERS);
        task("conflict of interest", null, StaffGroups.LEGAL_REVIEWERS);
        revokeFromUser("legal", named.get("conflict of interest"));
        task("other review done", null, StaffGroups.TECHNICAL_REVIEWERS);
        taskService.claim(named.get("other review done"), BOTH_REVIEWS);
        task("four eyes", null, StaffGroups.LEGAL_REVIEWERS);
        revokeFromUser(BOTH_REVIEWS, named.get("four eyes"));
        task("group revoked, user candidate", null, StaffGroups.LEGAL_REVIEWERS);
        taskService.addCandidateUser(named.get("group revoked, user candidate"), LEGAL_BIS);
        revokeFromGroup(StaffGroups.LEGAL_REVIEWERS, named.get("group revoked, user candidate"));
        for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().list()) {
            task("in " + definition.getKey(), definition.getId(), StaffGroups.LEGAL_REVIEWERS);
            task("in " + definition.getKey() + ", no candidate", definition.getId());
            task("in " + definition.getKey() + ", revoked from the managers", definition.getId(),
                    StaffGroups.LEGAL_REVIEWERS);
            revokeFromGroup(StaffGroups.PROGRAMME_MANAGERS, named.get("in " + definition.getKey()
                    + ", revoked from the managers"));
        }
    }

    @AfterAll
    void removeTheMix() {
        identityService.clearAuthentication();
        authorizationIds.forEach(authorizationService::deleteAuthorization);
        taskService.deleteTasks(taskIds, true);
        identityService.deleteUser(LEGAL_BIS);
        identityService.deleteUser(BOTH_REVIEWS);
    }

    @Test
    void everyRouteListsWhatTheEnginesOwnCheckAllows() {
        for (String userId : USERS) {
            List<String> groups = groupsOf(userId);
            Set<String> visible = stockIds(userId, groups, (TaskQueryImpl) taskService.createTaskQuery());
            assertThat(asUser(userId, groups, () -> ids(taskService.createTaskQuery().listPage(0, MAX_RESULTS))))
                    .as("task query of %s", userId).isEqualTo(visible);
            assertThat(asUser(userId, groups, () -> taskService.createTaskQuery().count()))
                    .as("task count of %s", userId).isEqualTo(stockCount(userId, groups,
                            (TaskQueryImpl) taskService.createTaskQuery()));
            assertThat(asUser(userId, groups, () -> variableIds(runtimeService.createVariableInstanceQuery()
                    .variableNameIn(CARD_VARIABLE).listPage(0, MAX_RESULTS))))
                    .as("card variables of %s", userId).isEqualTo(stockVariableIds(userId, groups));
            assertThat(asUser(userId, groups, () -> runtimeService.createVariableInstanceQuery()
                    .variableNameIn(CARD_VARIABLE).count()))
                    .as("card variable count of %s", userId).isEqualTo(stockVariableCount(userId, groups));
            TestRestTemplate basic = http.withBasicAuth(userId, PASSWORD);
            if (!"inspector".equals(userId)) {
                assertThat(restIds(basic.getForEntity("/engine-rest/task?maxResults=2000", String.class)))
                        .as("engine REST task list of %s", userId).isEqualTo(visible);
                assertThat(count(basic.getForEntity("/engine-rest/task/count", String.class)))
                        .as("engine REST task count of %s", userId).isEqualTo(visible.size());
            }
            HttpHeaders session = "inspector".equals(userId) ? null
                    : StaffLogin.webappSession(http, userId, PASSWORD, "tasklist").headers();
            for (Filter filter : readableFilters(userId, groups)) {
                TaskQueryImpl query = filter.getQuery();
                Set<String> expected = stockIds(userId, groups, query);
                String label = userId + " on filter '" + filter.getName() + "'";
                assertThat(asUser(userId, groups, () -> ids(filterService.listPage(filter.getId(), 0, MAX_RESULTS))))
                        .as("filter list of %s", label).isEqualTo(expected);
                assertThat(asUser(userId, groups, () -> filterService.count(filter.getId())))
                        .as("filter count of %s", label).isEqualTo((long) expected.size());
                assertThat(webappList(session, filter.getId())).as("Tasklist list of %s", label)
                        .isEqualTo(activeOnly(expected));
                assertThat(count(http.exchange(WEBAPP_ENGINE + "/filter/{id}/count", HttpMethod.GET,
                        new HttpEntity<>(session), String.class, filter.getId())))
                        .as("Tasklist count of %s", label).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void theRowsDecideAsMeant() {
        assertThat(visibleTo("legal")).contains(named.get("legal open"), named.get("legal claimed"),
                named.get("both groups"), named.get("four eyes"), named.get("group revoked, user candidate"))
                .doesNotContain(named.get("conflict of interest"), named.get("technical open"), named.get("committee"));
        assertThat(visibleTo(BOTH_REVIEWS)).contains(named.get("technical open"), named.get("other review done"),
                named.get("conflict of interest")).doesNotContain(named.get("four eyes"));
        assertThat(visibleTo(LEGAL_BIS)).contains(named.get("candidate user only"),
                named.get("group revoked, user candidate"));
        assertThat(visibleTo("inspector")).isEmpty();
        assertThat(visibleTo("committee")).contains(named.get("committee")).doesNotContain(named.get("legal open"));
        List<String> revokedFromManagers = named.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("revoked from the managers")).map(Map.Entry::getValue).toList();
        assertThat(revokedFromManagers).isNotEmpty();
        assertThat(visibleTo("manager"))
                .containsAll(named.values().stream().filter(id -> !revokedFromManagers.contains(id)).toList())
                .doesNotContainAnyElementsOf(revokedFromManagers);
    }

    private Set<String> visibleTo(String userId) {
        List<String> groups = groupsOf(userId);
        return asUser(userId, groups, () -> ids(taskService.createTaskQuery().listPage(0, MAX_RESULTS)));
    }

    // The mix ///////////////////////////////////////////////////////////////////////////////////

    private void createUser(String userId, String... groupIds) {
        User user = identityService.newUser(userId);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        for (String groupId : groupIds) {
            identityService.createMembership(userId, groupId);
        }
    }

    /** A task, standalone or (with a definition id) shaped as a task of that process definition. */
    private void task(String name, String processDefinitionId, String... candidateGroups) {
        String id = ((ProcessEngineConfigurationImpl) engineConfiguration).getCommandExecutorTxRequired()
                .execute(commandContext -> {
                    TaskEntity task = (TaskEntity) new CreateTaskCmd(null).execute(commandContext);
                    task.setName("Visibilité : " + name);
                    task.setProcessDefinitionId(processDefinitionId);
                    new SaveTaskCmd(task).execute(commandContext);
                    return task.getId();
                });
        for (String group : candidateGroups) {
            taskService.addCandidateGroup(id, group);
        }
        taskService.setVariableLocal(id, CARD_VARIABLE, name);
        taskIds.add(id);
        named.put(name, id);
    }

    /** As ReviewSteps records a conflict of interest or the other review: a user-level REVOKE. */
    private void revokeFromUser(String userId, String taskId) {
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(userId);
        saveRevoke(revoke, taskId);
    }

    private void revokeFromGroup(String groupId, String taskId) {
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setGroupId(groupId);
        saveRevoke(revoke, taskId);
    }

    private void saveRevoke(Authorization revoke, String taskId) {
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(taskId);
        revoke.removePermission(Permissions.ALL);
        authorizationService.saveAuthorization(revoke);
        authorizationIds.add(revoke.getId());
    }

    // The engine's own check ////////////////////////////////////////////////////////////////////

    /** The engine's stock task query as {@code userId}, its revoke checks on as soon as a revoke concerns them. */
    private Set<String> stockIds(String userId, List<String> groups, TaskQueryImpl query) {
        return asUser(userId, groups, () -> stock(query, commandContext -> ids(commandContext.getDbSqlSession()
                .getSqlSession().<Task>selectList(STOCK_SELECT, query))));
    }

    private long stockCount(String userId, List<String> groups, TaskQueryImpl query) {
        return asUser(userId, groups, () -> stock(query, commandContext -> commandContext.getDbSqlSession()
                .getSqlSession().<Long>selectOne(STOCK_COUNT, query)));
    }

    private <T> T stock(TaskQueryImpl query,
            org.camunda.bpm.engine.impl.interceptor.Command<T> selection) {
        return ((ProcessEngineConfigurationImpl) engineConfiguration).getCommandExecutorTxRequired()
                .execute(commandContext -> {
                    commandContext.getAuthorizationManager().configureTaskQuery(query);
                    commandContext.getTenantManager().configureQuery(query);
                    return selection.execute(commandContext);
                });
    }

    /** The engine's stock variable query for the cards' variable, as {@code userId}. */
    private Set<String> stockVariableIds(String userId, List<String> groups) {
        VariableInstanceQueryImpl query = cardVariables();
        return asUser(userId, groups, () -> stockVariables(query, commandContext -> variableIds(commandContext
                .getDbSqlSession().getSqlSession().<VariableInstance>selectList(STOCK_VARIABLES, query))));
    }

    private long stockVariableCount(String userId, List<String> groups) {
        VariableInstanceQueryImpl query = cardVariables();
        return asUser(userId, groups, () -> stockVariables(query, commandContext -> commandContext.getDbSqlSession()
                .getSqlSession().<Long>selectOne(STOCK_VARIABLE_COUNT, query)));
    }

    private VariableInstanceQueryImpl cardVariables() {
        return (VariableInstanceQueryImpl) runtimeService.createVariableInstanceQuery().variableNameIn(CARD_VARIABLE);
    }

    private <T> T stockVariables(VariableInstanceQueryImpl query,
            org.camunda.bpm.engine.impl.interceptor.Command<T> selection) {
        return ((ProcessEngineConfigurationImpl) engineConfiguration).getCommandExecutorTxRequired()
                .execute(commandContext -> {
                    try {
                        Method configure = AuthorizationManager.class.getDeclaredMethod(
                                "configureVariableInstanceQuery", VariableInstanceQueryImpl.class);
                        configure.setAccessible(true);
                        configure.invoke(commandContext.getAuthorizationManager(), query);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                    commandContext.getTenantManager().configureQuery(query);
                    return selection.execute(commandContext);
                });
    }

    private static Set<String> variableIds(List<? extends VariableInstance> variables) {
        Set<String> ids = new TreeSet<>();
        variables.forEach(variable -> ids.add(variable.getId()));
        return ids;
    }

    // Routes ////////////////////////////////////////////////////////////////////////////////////

    private List<Filter> readableFilters(String userId, List<String> groups) {
        return asUser(userId, groups, () -> filterService.createTaskFilterQuery().listPage(0, MAX_RESULTS));
    }

    /** Tasklist's list asks for active tasks only; none of the mix is suspended. */
    private Set<String> activeOnly(Set<String> ids) {
        Set<String> active = new TreeSet<>(ids);
        active.removeIf(id -> taskService.createTaskQuery().taskId(id).suspended().count() > 0);
        return active;
    }

    private Set<String> webappList(HttpHeaders session, String filterId) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(session);
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        ResponseEntity<String> list = http.exchange(WEBAPP_ENGINE + "/filter/{id}/list?firstResult=0&maxResults=2000",
                HttpMethod.POST, new HttpEntity<>(TASKLIST_LIST_BODY, headers), String.class, filterId);
        JsonNode body = read(list);
        Set<String> ids = new TreeSet<>();
        body.path("_embedded").path("task").forEach(task -> ids.add(task.path("id").asText()));
        assertThat(body.path("count").asLong()).as("count in the HAL list").isEqualTo(ids.size());
        return ids;
    }

    private Set<String> restIds(ResponseEntity<String> response) {
        Set<String> ids = new TreeSet<>();
        read(response).forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private long count(ResponseEntity<String> response) {
        return read(response).path("count").asLong();
    }

    private JsonNode read(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("answer %s", response).isTrue();
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private List<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    private <T> T asUser(String userId, List<String> groups, Supplier<T> action) {
        identityService.setAuthentication(userId, groups);
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Set<String> ids(List<? extends Task> tasks) {
        Set<String> ids = new TreeSet<>();
        tasks.forEach(task -> ids.add(task.getId()));
        return ids;
    }
}
