package fr.bacasable.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.StaffLogin;
import fr.bacasable.StaffLogin.WebappSession;
import fr.bacasable.application.Applications;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.testsupport.EngineJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every staff role against the engine REST API, the web applications' API and our own pages, with
 * the answer each must get written below as a table. The reference is DESIGN.md's roles, tightened
 * where the README's Security section says so. One application sits in review (legal and
 * technical review tasks open), the demo campaign is open.
 * <p>
 * Answers: a status code; {@code list} a 200 with a non-empty JSON array; {@code empty} a 200 with
 * an empty array; {@code no} refused (403, or 404 where the engine hides what it will not show);
 * {@code -} not asked (an administrator's change that would spoil the fixture).
 */
// A context of its own (the property), started when the class starts: the engine APIs find their engine by
// name among all the engines of this JVM, so a cached context would be answered for by the engine of any
// context of another database started since.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.test.context=authorization-matrix")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

    static final String PASSWORD = "it-Secret-42";
    static final List<String> ROLES = List.of("anonymous", "manager", "legal", "tech", "committee", "president",
            "inspector", "admin");

    /** method path [body] | anonymous manager legal tech committee president inspector admin */
    static final String MATRIX = """
            GET /engine-rest/engine                                                  | 401 200   200   200   200   200   401   200
            GET /engine-rest/process-definition?maxResults=50                        | 401 list  list  list  list  list  no    list
            GET /engine-rest/process-definition/{reviewDefinition}/xml               | 401 200   200   200   no    no    no    200
            GET /engine-rest/process-instance?maxResults=50                          | 401 list  no    no    no    no    no    list
            GET /engine-rest/process-instance/{instance}/variables                   | 401 200   no    no    no    no    no    200
            PUT /engine-rest/process-instance/{instance}/variables/probe {"value":1} | 401 no    no    no    no    no    no    -
            POST /engine-rest/process-instance/{instance}/modification {"instructions":[{"type":"startBeforeActivity","activityId":"Task_ReviewLegal"}]} | 401 no no no no no no -
            GET /engine-rest/variable-instance?maxResults=50                         | 401 list  no    no    no    no    no    list
            GET /engine-rest/task?processInstanceBusinessKey={reference}&maxResults=50 | 401 list list  list  empty empty no    list
            GET /engine-rest/task/{legalTask}                                        | 401 200   200   no    no    no    no    200
            GET /engine-rest/task/{legalTask}/form-variables                         | 401 200   200   no    no    no    no    200
            PUT /engine-rest/task/{legalTask}/variables/eligible {"value":false}     | 401 no    no    no    no    no    no    -
            POST /engine-rest/task/{legalTask}/variables {"modifications":{"eligible":{"value":false}}} | 401 no no no no no no -
            PUT /engine-rest/task/{legalTask} {"name":"x","priority":1,"owner":"inspector"} | 401 no no no no no no -
            POST /engine-rest/task/{legalTask}/assignee {"userId":"inspector"}       | 401 no    no    no    no    no    no    -
            POST /engine-rest/task/{legalTask}/delegate {"userId":"inspector"}       | 401 no    no    no    no    no    no    -
            POST /engine-rest/task/{legalTask}/claim {"userId":"inspector"}          | 401 no    no    no    no    no    no    -
            POST /engine-rest/task/{legalTask}/identity-links {"userId":"inspector","type":"candidate"} | 401 no no no no no no -
            POST /engine-rest/task/{legalTask}/submit-form {"variables":{"applicationId":{"value":"other"}}} | 401 no 400 no no no no -
            GET /engine-rest/history/process-instance?maxResults=50                  | 401 list  no    no    no    no    no    list
            GET /engine-rest/history/task?maxResults=50                              | 401 list  no    no    no    no    no    list
            GET /engine-rest/history/variable-instance?maxResults=50                 | 401 list  no    no    no    no    no    list
            GET /engine-rest/history/detail?maxResults=50                            | 401 list  no    no    no    no    no    list
            GET /engine-rest/history/activity-instance?maxResults=50                 | 401 list  no    no    no    no    no    list
            GET /engine-rest/history/decision-instance?maxResults=50                 | 401 list  no    no    no    no    no    list
            GET /engine-rest/history/user-operation?maxResults=50                    | 401 list  empty empty empty empty no    list
            GET /engine-rest/deployment?maxResults=50                                | 401 list  no    no    no    no    no    list
            POST /engine-rest/deployment/create                                      | 401 no    no    no    no    no    no    -
            GET /engine-rest/decision-definition?maxResults=50                       | 401 list  no    no    no    no    no    list
            POST /engine-rest/decision-definition/key/EligibilityDecision/evaluate {"variables":{}} | 401 200 no no no no no 200
            GET /engine-rest/authorization?maxResults=50                             | 401 200   no    no    no    no    no    list
            POST /engine-rest/authorization/create {"type":1,"permissions":["ALL"],"userId":"inspector","resourceType":0,"resourceId":"*"} | 401 no no no no no no -
            POST /engine-rest/group/create {"id":"intruders","name":"x","type":"x"}  | 401 no    no    no    no    no    no    -
            POST /engine-rest/filter/create {"resourceType":"Task","name":"x","query":{}} | 401 no no no no no no -
            GET /engine-rest/filter/{legalFilter}                                    | 401 no    200   no    no    no    no    200
            GET /engine-rest/job?maxResults=50                                       | 401 list  no    no    no    no    no    list
            GET /engine-rest/engine/default/job?maxResults=50                        | 401 list  no    no    no    no    no    list
            GET /engine-rest//job;x=y?maxResults=50                                  | 401 list  no    no    no    no    no    list
            POST /engine-rest/message {"messageName":"SelectionDecided","businessKey":"{reference}"} | 401 no no no no no no -
            POST /engine-rest/signal {"name":"ReviewSettled-x"}                      | 401 no    no    no    no    no    no    -
            GET /engine-rest/metrics/activity-instance/sum                           | 401 200   no    no    no    no    no    200
            GET /engine-rest/history/cleanup/configuration                           | 401 no    no    no    no    no    no    200
            GET /camunda/api/engine/engine/default/job?maxResults=50                 | 401 list  no    no    no    no    401   list
            GET /camunda/api/engine/engine/default/history/variable-instance?maxResults=50 | 401 list no no no no 401 list
            GET /staff/campaigns                                                     | login 200 403   403   200   200   login 403
            GET /staff/outbox                                                        | login 200 403   403   403   403   login 200
            GET /cases/{reference}                                                   | login 200 200   200   403   403   login 403
            """;

    @Autowired
    TestRestTemplate http;
    @Autowired
    Clock clock;
    @Autowired
    CampaignService campaigns;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    FilterService filterService;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> fixture = new HashMap<>();
    private final Map<String, WebappSession> sessions = new HashMap<>();

    @BeforeAll
    void applicationInReview() {
        InReview application = newApplicationInReview();
        fixture.put("reference", application.reference());
        fixture.put("instance", application.instance());
        fixture.put("legalTask", application.legalTask());
        fixture.put("reviewDefinition", repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey("ReviewProcess").latestVersion().singleResult().getId());
        fixture.put("legalFilter", filterService.createFilterQuery().filterName("Mes revues juridiques")
                .singleResult().getId());
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : MATRIX.strip().split("\n")) {
            String[] request = line.substring(0, line.lastIndexOf('|')).strip().split(" ", 3);
            String[] answers = line.substring(line.lastIndexOf('|') + 1).strip().split("\\s+");
            assertThat(answers).as("answers of %s", line).hasSize(ROLES.size());
            for (int role = 0; role < ROLES.size(); role++) {
                if (!"-".equals(answers[role])) {
                    cases.add(Arguments.of(ROLES.get(role), request[0], request[1],
                            request.length > 2 ? request[2] : null, answers[role]));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} → {4}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyItsAnswer(String role, String method, String path, String body, String expected) {
        String user = "anonymous".equals(role) ? null : role;
        ResponseEntity<String> response = path.startsWith("/engine-rest")
                ? exchange(user, HttpMethod.valueOf(method), fill(path), body == null ? null : fill(body))
                : inSession(user, HttpMethod.valueOf(method), fill(path));
        int status = response.getStatusCode().value();
        String seen = status + " " + response.getBody();
        switch (expected) {
            case "list" -> {
                assertThat(status).as(seen).isEqualTo(200);
                assertThat(read(response).isArray() && !read(response).isEmpty()).as(seen).isTrue();
            }
            case "empty" -> {
                assertThat(status).as(seen).isEqualTo(200);
                assertThat(read(response).isArray() && read(response).isEmpty()).as(seen).isTrue();
            }
            case "no" -> assertThat(status).as(seen).isIn(403, 404);
            case "login" -> assertThat(response.getBody()).as(seen).contains("action=\"/staff/login\"");
            default -> assertThat(status).as(seen).isEqualTo(Integer.parseInt(expected));
        }
    }

    @Test
    void aReviewerCannotHandTheirTaskToAnyoneAndOnlyTheGroupMayWorkIt() {
        InReview application = newApplicationInReview();
        String task = "/engine-rest/task/" + application.legalTask();
        assertThat(status("legal", HttpMethod.POST, task + "/claim", "{\"userId\":\"legal\"}")).isEqualTo(204);
        for (String change : List.of("/delegate", "/assignee")) {
            assertThat(status("legal", HttpMethod.POST, task + change, "{\"userId\":\"inspector\"}")).isEqualTo(403);
            assertThat(status("legal", HttpMethod.POST, task + change, "{\"userId\":\"tech\"}")).isEqualTo(403);
        }
        assertThat(status("legal", HttpMethod.POST, task + "/identity-links",
                "{\"userId\":\"inspector\",\"type\":\"candidate\"}")).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(application.legalTask()).singleResult().getAssignee())
                .isEqualTo("legal");
        assertThat(taskService.getIdentityLinksForTask(application.legalTask())).noneMatch(
                link -> "inspector".equals(link.getUserId()));
        assertThat(status("inspector", HttpMethod.GET, task + "/variables", null)).isIn(403, 404);
        assertThat(status("legal", HttpMethod.POST, task + "/unclaim", null)).isEqualTo(204);
    }

    @Test
    void programmeManagersReassignOnlyToWhoMayWorkTheTask() {
        InReview application = newApplicationInReview();
        String task = "/engine-rest/task/" + application.legalTask();
        assertThat(status("manager", HttpMethod.POST, task + "/assignee", "{\"userId\":\"inspector\"}")).isEqualTo(403);
        assertThat(status("manager", HttpMethod.POST, task + "/assignee", "{\"userId\":\"tech\"}")).isEqualTo(403);
        assertThat(status("manager", HttpMethod.POST, task + "/assignee", "{\"userId\":\"manager\"}")).isEqualTo(403);
        assertThat(status("manager", HttpMethod.POST, task + "/assignee", "{\"userId\":\"legal\"}")).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(application.legalTask()).singleResult().getAssignee())
                .isEqualTo("legal");
    }

    @Test
    void aCompletionCarriesOnlyItsFormsFieldsSoAnExcludedReviewerReachesNothing() {
        InReview excludedFrom = newApplicationInReview();
        InReview other = newApplicationInReview();
        String technical = taskService.createTaskQuery().processInstanceBusinessKey(excludedFrom.reference())
                .taskDefinitionKey("Task_ReviewTechnical").singleResult().getId();
        String otherTask = "/engine-rest/task/" + other.legalTask();
        assertThat(status("legal", HttpMethod.POST, otherTask + "/claim", "{\"userId\":\"legal\"}")).isEqualTo(204);
        String applicationId = (String) runtimeService.getVariable(excludedFrom.instance(), "applicationId");

        ResponseEntity<String> forged = exchange("legal", HttpMethod.POST, otherTask + "/submit-form",
                "{\"variables\":{\"legalConflictOfInterest\":{\"value\":\"no\"},"
                        + "\"applicationId\":{\"value\":\"" + applicationId + "\"}}}");

        assertThat(forged.getStatusCode().value()).as(forged.getBody()).isEqualTo(400);
        assertThat(read(forged).path("message").asText()).contains("« applicationId » ne fait pas partie du formulaire");
        assertThat(taskService.createTaskQuery().taskId(other.legalTask()).count()).isOne();
        assertThat(runtimeService.getVariable(other.instance(), "applicationId")).isNotEqualTo(applicationId);
        assertThat(status("legal", HttpMethod.PUT, "/engine-rest/task/" + other.legalTask() + "/variables/eligible",
                "{\"value\":false}")).isEqualTo(403);
        assertThat(runtimeService.getVariable(other.instance(), "eligible")).isNotEqualTo(false);
        assertThat(status("legal", HttpMethod.GET, "/engine-rest/task/" + technical, null)).isIn(403, 404);
    }

    @Test
    void reviewersReadNoReviewInHistory() {
        InReview application = newApplicationInReview();
        String technical = taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey("Task_ReviewTechnical").singleResult().getId();
        assertThat(status("tech", HttpMethod.POST, "/engine-rest/task/" + technical + "/claim",
                "{\"userId\":\"tech\"}")).isEqualTo(204);
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("technicalConflictOfInterest", "yes");
        review.put("technicalConflictDetails", "Ancien employeur du porteur de projet");
        StringBuilder variables = new StringBuilder();
        review.forEach((name, value) -> variables.append(variables.isEmpty() ? "" : ",").append("\"").append(name)
                .append("\":{\"value\":\"").append(value).append("\"}"));
        assertThat(status("tech", HttpMethod.POST, "/engine-rest/task/" + technical + "/submit-form",
                "{\"variables\":{" + variables + "}}")).isEqualTo(204);

        for (String history : List.of("variable-instance", "detail", "task", "process-instance")) {
            String path = "/engine-rest/history/" + history + "?processInstanceId=" + application.instance()
                    + "&maxResults=50";
            assertThat(status("legal", HttpMethod.GET, path, null)).as(history).isEqualTo(403);
            assertThat(status("tech", HttpMethod.GET, path, null)).as(history).isEqualTo(403);
            assertThat(read(exchange("manager", HttpMethod.GET, path, null))).as(history).isNotEmpty();
        }
    }

    private int status(String user, HttpMethod method, String path, String body) {
        return exchange(user, method, path, body).getStatusCode().value();
    }

    record InReview(String reference, String instance, String legalTask) {
    }

    /** An application submitted over the API and found complete by a programme manager over the engine REST API. */
    private InReview newApplicationInReview() {
        LocalDate today = LocalDate.now(clock);
        Campaign campaign = campaigns.listPublic().stream().filter(Campaign::acceptsApplications)
                .filter(open -> !open.openingDate().isAfter(today) && !open.closingDate().isBefore(today))
                .findFirst().orElseThrow();
        ResponseEntity<String> submitted = exchange(null, HttpMethod.POST, "/api/campaigns/" + campaign.id()
                + "/applications", Applications.validBody().toString());
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        String reference = read(submitted).path("reference").asText();
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult().getId();
        executeJobs(instance);
        String completeness = taskService.createTaskQuery().processInstanceBusinessKey(reference).singleResult().getId();
        assertThat(status("manager", HttpMethod.POST, "/engine-rest/task/" + completeness + "/claim",
                "{\"userId\":\"manager\"}")).isEqualTo(204);
        ResponseEntity<String> complete = exchange("manager", HttpMethod.POST, "/engine-rest/task/" + completeness
                + "/submit-form", "{\"variables\":{\"completeness\":{\"value\":\"COMPLETE\"}}}");
        assertThat(complete.getStatusCode().value()).as(complete.getBody()).isEqualTo(204);
        executeJobs(instance);
        return new InReview(reference, instance, taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey("Task_ReviewLegal").singleResult().getId());
    }

    private String fill(String template) {
        String filled = template;
        for (Map.Entry<String, String> value : fixture.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", value.getValue());
        }
        return filled;
    }

    private void executeJobs(String processInstanceId) {
        EngineJobs.runDue(managementService, processInstanceId);
    }

    /** As a browser after logging in to Tasklist (the web applications' API and our staff pages share that login). */
    ResponseEntity<String> inSession(String user, HttpMethod method, String path) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.addAll(sessions.computeIfAbsent(user, id -> StaffLogin.webappSession(http, id, PASSWORD, "tasklist"))
                    .headers());
        }
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML));
        return http.exchange(path, method, new HttpEntity<>(null, headers), String.class);
    }

    ResponseEntity<String> exchange(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        TestRestTemplate client = user == null ? http : http.withBasicAuth(user, PASSWORD);
        return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody() == null ? "null" : response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
