package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.bacasable.StaffLogin.WebappSession;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.security.StaffGroups;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The running application over HTTP: engine REST security, staff access, campaign publication and
 * decisions. Each Spring context closes after its class: the engine REST
 * API finds the engine by name in a JVM-wide registry, so two live contexts would share one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BacASableIntegrationTests {

    static final String PASSWORD = "it-Secret-42";

    @Autowired
    TestRestTemplate http;
    @Autowired
    CampaignService campaigns;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void engineRestRefusesRequestsWithoutCredentials() {
        assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("president", "wrong-password").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void legalReviewerCannotSeeNorCompleteProgrammeManagersTasks() {
        Task task = taskService.createTaskQuery().taskId(programmeManagerTask()).singleResult();
        try {
            ResponseEntity<String> managerView = as("manager").getForEntity("/engine-rest/task/" + task.getId(), String.class);
            assertThat(managerView.getStatusCode()).as("%s", managerView.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(taskIds("manager")).contains(task.getId());

            assertThat(taskIds("legal")).doesNotContain(task.getId());
            assertThat(as("legal").getForEntity("/engine-rest/task/" + task.getId(), String.class).getStatusCode())
                    .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
            assertThat(as("legal").postForEntity("/engine-rest/task/" + task.getId() + "/complete",
                    json("{}"), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        } finally {
            taskService.deleteTask(task.getId(), true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"process-instance", "process-definition", "task", "decision-definition",
            "deployment", "filter", "incident", "variable-instance", "history/process-instance",
            "history/activity-instance", "history/task", "history/variable-instance", "history/decision-instance",
            "history/user-operation", "history/incident", "history/identity-link-log", "job", "history/job-log",
            "metrics/activity-instance/sum", "history/cleanup/configuration"})
    void inspectionReachesNothing(String resource) {
        String taskId = programmeManagerTask();
        try {
            if (!resource.contains("incident") && !resource.contains("/")) {
                assertThat(count("admin", resource)).as("what an administrator sees of %s", resource).isPositive();
            }
            ResponseEntity<String> refused = as("inspector").getForEntity("/engine-rest/" + resource, String.class);
            assertThat(refused.getStatusCode()).as("inspection on %s: %s", resource, refused.getBody())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        } finally {
            taskService.deleteTask(taskId, true);
        }
    }

    @Test
    void eachGroupHasItsTasklistFiltersShowingTheApplicationReference() {
        JsonNode managerFilters = as("manager").getForObject("/engine-rest/filter?firstResult=0&maxResults=50",
                JsonNode.class);
        assertThat(filterNames(managerFilters)).contains("Gestion du programme", "Toutes les tâches")
                .doesNotContain("Mes revues juridiques");
        assertThat(managerFilters.findValues("variables")).allSatisfy(variables ->
                assertThat(variables.findValuesAsText("name")).containsExactly("reference", "campaign"));
        JsonNode legalFilters = as("legal").getForObject("/engine-rest/filter?firstResult=0&maxResults=50",
                JsonNode.class);
        assertThat(filterNames(legalFilters)).containsExactly("Mes revues juridiques");
    }

    @Test
    void inspectionCannotOpenAnyWebApplication() {
        for (String app : List.of("tasklist", "cockpit", "admin")) {
            assertThat(webappLogin("inspector", app)).as(app).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(webappLogin("manager", "tasklist")).isEqualTo(HttpStatus.OK);
        assertThat(webappLogin("manager", "admin")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(webappLogin("legal", "cockpit")).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void cockpitListsProcessVersionsWithinTheQueryLimit() {
        WebappSession cockpit = webappSession("manager", "cockpit");
        ResponseEntity<JsonNode> versions = http.exchange(
                "/camunda/api/engine/engine/default/process-definition?key=CallForProjectsProcess&sortBy=version"
                        + "&sortOrder=desc", HttpMethod.GET, new HttpEntity<>(cockpit.headers()), JsonNode.class);
        assertThat(versions.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(versions.getBody().findValuesAsText("key")).contains("CallForProjectsProcess");

        ResponseEntity<String> unpagedRest = as("manager").getForEntity(
                "/engine-rest/process-definition?key=CallForProjectsProcess", String.class);
        assertThat(unpagedRest.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void programmeManagerPublishesCampaignThroughTheStartFormAndItClosesOnItsClosingDate() {
        LocalDate opening = LocalDate.now().plusDays(2);
        ResponseEntity<JsonNode> response = as("manager").postForEntity(
                "/engine-rest/process-definition/key/CallForProjectsProcess/submit-form",
                json(campaignForm("Santé numérique 2027", opening, opening.plusDays(30))), JsonNode.class);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        String processInstanceId = response.getBody().get("id").asText();

        Campaign campaign = campaignOf(processInstanceId);
        assertThat(campaign.title()).isEqualTo("Santé numérique 2027");
        assertThat(campaign.status()).isEqualTo(CampaignStatus.PUBLISHED);
        assertThat(campaign.publishedBy()).isEqualTo("manager");
        assertThat(campaign.laureateCapacity()).isEqualTo(4);
        assertThat(runtimeService.getVariables(processInstanceId)).containsOnlyKeys(
                "campaignId", "opensAt", "closesAt", "openingDateReached");

        fireTimer(processInstanceId);
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo(CampaignStatus.OPEN);

        fireTimer(processInstanceId);
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).as("closing commits on its own")
                .isEqualTo(CampaignStatus.CLOSED);
        executeDueJobs(processInstanceId);
        assertThat(campaigns.find(campaign.id()).orElseThrow().status())
                .as("closed without any application under review, it goes straight to the committee")
                .isEqualTo(CampaignStatus.SELECTION);
        assertThat(runtimeService.getActiveActivityIds(processInstanceId)).containsExactly("CallActivity_SelectLaureates");
        String selection = runtimeService.createProcessInstanceQuery().superProcessInstanceId(processInstanceId)
                .singleResult().getId();
        assertThat(runtimeService.getActiveActivityIds(selection)).containsExactly("Task_ProposeSelection");
    }

    @Test
    void invalidCampaignIsRefusedWithAFrenchMessageAndLeavesNothingBehind() {
        int campaignsBefore = campaignCount();
        long instancesBefore = runtimeService.createProcessInstanceQuery().count();
        LocalDate opening = LocalDate.now().plusDays(5);

        ResponseEntity<JsonNode> response = as("manager").postForEntity(
                "/engine-rest/process-definition/key/CallForProjectsProcess/submit-form",
                json(campaignForm("Campagne mal datée", opening, opening.minusDays(1))), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("message").asText())
                .contains("La date de clôture doit être postérieure à la date d'ouverture.");
        assertThat(campaignCount()).isEqualTo(campaignsBefore);
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    @Test
    void onlyProgrammeManagersMayPublishACampaign() {
        int campaignsBefore = campaignCount();
        LocalDate opening = LocalDate.now();
        ResponseEntity<String> response = as("legal").postForEntity(
                "/engine-rest/process-definition/key/CallForProjectsProcess/submit-form",
                json(campaignForm("Campagne non autorisée", opening, opening.plusDays(10))), String.class);
        assertThat(response.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(campaignCount()).isEqualTo(campaignsBefore);
    }

    @Test
    void decisionsAnswerTheContractOverRest() {
        JsonNode eligibility = evaluate("EligibilityDecision", """
                {"applicantType": {"value": "LOCAL_AUTHORITY"}, "usesAi": {"value": true},
                 "processesPersonalData": {"value": true}, "projectStage": {"value": "PILOT"}}""");
        assertThat(eligibility.get("eligible").get("value").asBoolean()).isTrue();
        assertThat(eligibility.get("ineligibilityReason").get("value").isNull()).isTrue();

        JsonNode dpia = evaluate("DpiaRequirementDecision", """
                {"evaluationOrScoring": {"value": true}, "automatedDecisionWithLegalEffect": {"value": false},
                 "systematicMonitoring": {"value": false}, "sensitiveData": {"value": true},
                 "largeScale": {"value": false}, "datasetMatching": {"value": false},
                 "vulnerablePersons": {"value": false}, "innovativeTechnology": {"value": false},
                 "preventsRightOrService": {"value": false}, "onCnilMandatoryList": {"value": false}}""");
        assertThat(fieldNames(dpia)).containsExactlyInAnyOrder("dpiaCriteriaMet", "dpiaRequirement");
        assertThat(dpia.get("dpiaCriteriaMet").get("value").asInt()).isEqualTo(2);
        assertThat(dpia.get("dpiaRequirement").get("value").asText()).isEqualTo("REQUIRED");

        JsonNode aiAct = evaluate("AiActRiskDecision", """
                {"prohibitedPractice": {"value": "NONE"}, "annexIiiArea": {"value": "ESSENTIAL_SERVICES"},
                 "narrowProceduralTask": {"value": false}, "profilesNaturalPersons": {"value": true},
                 "interactsWithPersons": {"value": false}, "generatesSyntheticContent": {"value": false},
                 "emotionRecognitionOrBiometricCategorisation": {"value": false},
                 "deployerIsPublicBody": {"value": true}}""");
        assertThat(aiAct.get("aiActRiskLevel").get("value").asText()).isEqualTo("HIGH_RISK");
        assertThat(aiAct.get("fundamentalRightsImpactAssessmentRequired").get("value").asBoolean()).isTrue();

        JsonNode review = evaluate("ReviewOutcomeDecision", """
                {"relevanceScore": {"value": 3.5, "type": "Double"},
                 "dataProtectionInterestScore": {"value": 3.0, "type": "Double"},
                 "qualityScore": {"value": 3.0, "type": "Double"}, "impactScore": {"value": 3.5, "type": "Double"}}""");
        assertThat(review.get("reviewRecommendation").get("value").asText()).isEqualTo("SHORTLIST");
        assertThat(review.get("rejectionReason").get("value").isNull()).isTrue();
    }

    @Test
    void onlyProgrammeManagersMayEvaluateDecisions() {
        ResponseEntity<String> response = as("legal").postForEntity(
                "/engine-rest/decision-definition/key/EligibilityDecision/evaluate",
                json("{\"variables\": {}}"), String.class);
        assertThat(response.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
    }

    @Test
    void demoCampaignIsOpenOnThePortal() {
        String home = http.getForObject("/", String.class);
        assertThat(home).contains("IA au bénéfice des services publics", "Ouverte aux candidatures");
    }

    private static List<String> filterNames(JsonNode filters) {
        List<String> names = new ArrayList<>();
        filters.forEach(filter -> names.add(filter.get("name").asText()));
        return names;
    }

    private String programmeManagerTask() {
        Task task = taskService.newTask();
        task.setName("Vérifier la complétude");
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), StaffGroups.PROGRAMME_MANAGERS);
        return task.getId();
    }

    private TestRestTemplate as(String userId) {
        return http.withBasicAuth(userId, PASSWORD);
    }

    private List<String> taskIds(String userId) {
        JsonNode tasks = as(userId).getForObject("/engine-rest/task?firstResult=0&maxResults=500", JsonNode.class);
        return tasks.findValuesAsText("id");
    }

    private long count(String userId, String resource) {
        ResponseEntity<JsonNode> response = as(userId).getForEntity("/engine-rest/" + resource + "/count", JsonNode.class);
        assertThat(response.getStatusCode()).as("%s counting %s", userId, resource).isEqualTo(HttpStatus.OK);
        return response.getBody().get("count").asLong();
    }

    private HttpStatus webappLogin(String userId, String app) {
        return HttpStatus.valueOf(webappSession(userId, app).login().getStatusCode().value());
    }

    private WebappSession webappSession(String userId, String app) {
        return StaffLogin.webappSession(http, userId, PASSWORD, app);
    }

    private JsonNode evaluate(String decisionKey, String variables) {
        ResponseEntity<JsonNode> response = as("manager").postForEntity(
                "/engine-rest/decision-definition/key/" + decisionKey + "/evaluate",
                json("{\"variables\": " + variables + "}"), JsonNode.class);
        assertThat(response.getStatusCode()).as(decisionKey).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).as(decisionKey + " results").hasSize(1);
        return response.getBody().get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Campaign campaignOf(String processInstanceId) {
        String campaignId = (String) runtimeService.getVariable(processInstanceId, "campaignId");
        return campaigns.find(campaignId).orElseThrow();
    }

    private int campaignCount() {
        return campaigns.listPublic().size();
    }

    /** The asynchronous steps after the closing, as the job executor (off in tests) would run them. */
    private void executeDueJobs(String processInstanceId) {
        for (Job job = nextDueJob(processInstanceId); job != null; job = nextDueJob(processInstanceId)) {
            managementService.executeJob(job.getId());
        }
    }

    private Job nextDueJob(String processInstanceId) {
        return managementService.createJobQuery().rootProcessInstanceId(processInstanceId).executable().messages()
                .listPage(0, 1).stream().findFirst().orElse(null);
    }

    private void fireTimer(String processInstanceId) {
        Job timer = managementService.createJobQuery().processInstanceId(processInstanceId).timers().singleResult();
        ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1000));
        managementService.executeJob(timer.getId());
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static String campaignForm(String title, LocalDate opening, LocalDate closing) {
        return """
                {"variables": {
                  "title": {"value": "%s"},
                  "theme": {"value": "Projets d'IA dans les hôpitaux publics"},
                  "openingDate": {"value": "%s"},
                  "closingDate": {"value": "%s"},
                  "laureateCapacity": {"value": 4},
                  "advisedCapacity": {"value": 4},
                  "reserveCapacity": {"value": 3}
                }}""".formatted(title, opening, closing);
    }
}
