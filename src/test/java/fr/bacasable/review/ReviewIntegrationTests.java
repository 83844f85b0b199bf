package fr.bacasable.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.Applications;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.shared.ProgrammeTime;
import fr.bacasable.testsupport.EngineJobs;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review phase over HTTP, as Tasklist drives it: the real staff users call the engine REST API
 * with HTTP Basic ({@code /engine-rest/task}, {@code claim}, {@code submit-form}) on applications
 * submitted through the applicants' API and found complete by a programme manager. Covers who sees
 * which review task and its due date, conflicts of interest, the four-eyes rule, score validation,
 * consensus on divergence, the outcome decision, reminders and escalation (moving the engine clock,
 * mails checked in GreenMail) and two people completing one task at once. The job executor is off in
 * tests: jobs of each process instance are run here, as the executor would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReviewIntegrationTests {

    static final String PASSWORD = "it-Secret-42";
    static final String DEMO_CAMPAIGN = "IA au bénéfice des services publics";
    static final String PROCESS_KEY = "ApplicationReviewProcess";
    static final String COMPLETENESS_TASK = "Task_CheckCompleteness";
    static final String LEGAL_TASK = "Task_ReviewLegal";
    static final String TECHNICAL_TASK = "Task_ReviewTechnical";
    static final String CONSENSUS_TASK = "Task_ReachConsensus";
    static final Duration REVIEW_DELAY = Duration.ofDays(10);
    static final Duration ESCALATION_DELAY = Duration.ofDays(5);
    static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    static final String RELEVANCE_LABEL = "Pertinence de l'usage de l'IA pour le service public";
    static final String QUALITY_LABEL = "Qualité technique et juridique du projet";
    static final String SCORE_MESSAGE = "Notez le critère « " + RELEVANCE_LABEL + " » de 0 à 5, par demi-points.";

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void reviewMail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 5000);
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> 5000);
        registry.add("bas.mail.from", () -> "Bac à sable données personnelles <bac-a-sable@cnil.test>");
    }

    /** Staff created for these tests, on top of the demo accounts (one per group). */
    record StaffMember(String id, String firstName, String lastName, String email, List<String> groups) {
    }

    static final StaffMember SECOND_LEGAL = new StaffMember("rev-legal2", "Lucie", "Garnier",
            "lucie.garnier@relecteurs.test", List.of(StaffGroups.LEGAL_REVIEWERS));
    static final StaffMember SECOND_TECHNICAL = new StaffMember("rev-tech2", "Inès", "Faure",
            "ines.faure@relecteurs.test", List.of(StaffGroups.TECHNICAL_REVIEWERS));
    static final StaffMember BOTH_GROUPS = new StaffMember("rev-both", "Bastien", "Roux",
            "bastien.roux@relecteurs.test", List.of(StaffGroups.LEGAL_REVIEWERS, StaffGroups.TECHNICAL_REVIEWERS));
    static final StaffMember SECOND_MANAGER = new StaffMember("rev-manager2", "Julien", "Lambert",
            "julien.lambert@gestion.test", List.of(StaffGroups.PROGRAMME_MANAGERS));
    static final StaffMember MANAGER_WITHOUT_EMAIL = new StaffMember("rev-manager3", "Sans", "Courriel", null,
            List.of(StaffGroups.PROGRAMME_MANAGERS));
    static final List<StaffMember> EXTRA_STAFF = List.of(SECOND_LEGAL, SECOND_TECHNICAL, BOTH_GROUPS, SECOND_MANAGER,
            MANAGER_WITHOUT_EMAIL);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    CampaignService campaigns;
    @Autowired
    ApplicationDirectory applications;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    NotificationService notifications;

    final ObjectMapper json = new ObjectMapper();
    /** Process instances this test started, deleted after it so no timer of theirs outlives the test. */
    final List<String> processInstances = new ArrayList<>();
    String campaignId;

    @BeforeEach
    void setUp() throws Exception {
        campaignId = demoCampaignId();
        EXTRA_STAFF.forEach(this::ensureStaff);
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void cleanUp() {
        ClockUtil.reset();
        for (String processInstanceId : processInstances) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
                runtimeService.deleteProcessInstance(processInstanceId, "Fin du test", true, true);
            }
        }
        EXTRA_STAFF.forEach(member -> identityService.deleteUser(member.id()));
    }

    // ---------------------------------------------------------------- visibility and due date

    @Test
    void eachReviewerSeesOnlyTheirGroupsReviewTaskDueTenDaysAfterCompleteness() {
        Case application = underReview(campaignId);

        JsonNode legalTasks = tasksSeenBy("legal", application);
        assertThat(keys(legalTasks)).containsExactly(LEGAL_TASK);
        JsonNode legalTask = legalTasks.get(0);
        assertThat(legalTask.path("name").asText()).isEqualTo("Réaliser la revue juridique");
        assertThat(legalTask.path("assignee").isNull()).isTrue();
        assertDueTenDaysAfterCompleteness(legalTask, application);

        JsonNode technicalTasks = tasksSeenBy("tech", application);
        assertThat(keys(technicalTasks)).containsExactly(TECHNICAL_TASK);
        JsonNode technicalTask = technicalTasks.get(0);
        assertThat(technicalTask.path("name").asText()).isEqualTo("Réaliser la revue technique");
        assertDueTenDaysAfterCompleteness(technicalTask, application);
        assertThat(technicalTask.path("due").asText()).isEqualTo(legalTask.path("due").asText());

        assertThat(candidateGroups(legalTask.path("id").asText())).containsExactly(StaffGroups.LEGAL_REVIEWERS);
        assertThat(candidateGroups(technicalTask.path("id").asText()))
                .containsExactly(StaffGroups.TECHNICAL_REVIEWERS);
        for (String outsider : List.of("committee", "president")) {
            assertThat(tasksSeenBy(outsider, application)).as("tasks %s sees", outsider).isEmpty();
        }
        assertThat(get("inspector", "/engine-rest/task?firstResult=0&maxResults=10").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        String technicalId = technicalTask.path("id").asText();
        assertThat(get("legal", "/engine-rest/task/" + technicalId).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(claim("legal", technicalId).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(submit("legal", technicalId, technicalReview(4, 4, 4, 4)).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(taskService.createTaskQuery().taskId(technicalId).singleResult().getAssignee()).isNull();

        ResponseEntity<String> form = get("legal", "/engine-rest/task/" + legalTask.path("id").asText()
                + "/deployed-form");
        assertThat(form.getStatusCode()).as("the legal review form as Tasklist loads it: %s", form.getBody())
                .isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("\"legalConflictOfInterest\"", "\"legalRelevanceScore\"",
                "\"legalRemarks\"");

        List<Job> timers = managementService.createJobQuery().rootProcessInstanceId(application.processInstanceId())
                .timers().list();
        Date due = Date.from(dueOf(legalTask));
        assertThat(timers).extracting(Job::getDuedate).containsExactlyInAnyOrder(due, due,
                Date.from(due.toInstant().plus(ESCALATION_DELAY)), Date.from(due.toInstant().plus(ESCALATION_DELAY)));
    }

    @Test
    void reviewDelayIsTheCampaignsOwnWhenSet() {
        LocalDate today = LocalDate.now(ProgrammeTime.ZONE);
        ResponseEntity<String> published = post("manager",
                "/engine-rest/process-definition/key/CallForProjectsProcess/submit-form", """
                        {"variables": {
                          "title": {"value": "Revue en sept jours %s"},
                          "theme": {"value": "Campagne de test du délai de revue"},
                          "openingDate": {"value": "%s"},
                          "closingDate": {"value": "%s"},
                          "laureateCapacity": {"value": 4},
                          "advisedCapacity": {"value": 4},
                          "reserveCapacity": {"value": 3},
                          "reviewDays": {"value": 7}
                        }}""".formatted(UUID.randomUUID(), today, today.plusDays(30)));
        assertThat(published.getStatusCode()).as(published.getBody()).isEqualTo(HttpStatus.OK);
        String campaignProcess = read(published).path("id").asText();
        String sevenDayCampaign = (String) runtimeService.getVariable(campaignProcess, "campaignId");
        executeJobs(campaignProcess);
        try {
            assertThat(campaigns.find(sevenDayCampaign).orElseThrow().reviewDays()).isEqualTo(7);

            Case application = underReview(sevenDayCampaign);

            JsonNode legalTask = tasksSeenBy("legal", application).get(0);
            Instant due = dueOf(legalTask);
            assertThat(due).isBetween(application.completedFrom().plus(Duration.ofDays(7)),
                    application.completedTo().plus(Duration.ofDays(7)));
            assertThat(dueOf(tasksSeenBy("tech", application).get(0))).isEqualTo(due);
        } finally {
            // closes the campaign, so no other test picks it as the open one
            ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(40))));
            executeJobs(campaignProcess);
            ClockUtil.reset();
        }
        assertThat(campaigns.find(sevenDayCampaign).orElseThrow().acceptsApplications()).isFalse();
    }

    // ---------------------------------------------------------------- conflict of interest

    @Test
    void reviewerWhoDeclaresAConflictIsTakenOffTheTaskAndOnlyTheManagersAreTold() throws Exception {
        Case application = underReview(campaignId);
        String firstTask = taskId(application, LEGAL_TASK);
        assertThat(claim("legal", firstTask).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Instant declaredAt = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MILLIS);
        ClockUtil.setCurrentTime(Date.from(declaredAt));

        ResponseEntity<String> declared = submit("legal", firstTask, Map.of(
                "legalConflictOfInterest", "yes",
                "legalConflictDetails", "J'ai conseillé la Ville de Lyon sur ce projet en 2025."));
        assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());

        String againTask = taskId(application, LEGAL_TASK);
        assertThat(againTask).as("a new legal review task").isNotEqualTo(firstTask);
        Task recreated = taskService.createTaskQuery().taskId(againTask).singleResult();
        assertThat(recreated.getAssignee()).as("back to the group").isNull();
        assertThat(candidateGroups(againTask)).containsExactly(StaffGroups.LEGAL_REVIEWERS);
        assertThat(recreated.getDueDate()).as("whoever takes it has the campaign's full review delay")
                .isEqualTo(Date.from(declaredAt.plus(REVIEW_DELAY)));
        assertThat(taskService.createTaskQuery().taskId(taskId(application, TECHNICAL_TASK)).singleResult()
                .getDueDate()).as("the other review keeps its own").isEqualTo(Date.from(application.due()));

        assertThat(keys(tasksSeenBy("legal", application))).doesNotContain(LEGAL_TASK);
        assertThat(get("legal", "/engine-rest/task/" + againTask).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(claim("legal", againTask).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(submit("legal", againTask, legalReview(4, 4, 4, 4)).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(post("legal", "/engine-rest/task/" + againTask + "/complete", "{\"variables\": {}}")
                .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(taskService.createTaskQuery().taskId(againTask).singleResult().getAssignee()).isNull();
        assertThat(reviewRows(application)).isEmpty();
        assertThat(jdbc.sql("SELECT kind, reviewer, details FROM review_conflict WHERE application_id = :id")
                .param("id", application.applicationId()).query().listOfRows())
                .extracting(row -> row.get("kind"), row -> row.get("reviewer"), row -> row.get("details"))
                .containsExactly(tuple("LEGAL", "legal", "J'ai conseillé la Ville de Lyon sur ce projet en 2025."));

        assertThat(keys(tasksSeenBy(SECOND_LEGAL.id(), application))).containsExactly(LEGAL_TASK);
        assertThat(claim(SECOND_LEGAL.id(), againTask).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> reviewed = submit(SECOND_LEGAL.id(), againTask, legalReview(4, 4, 4, 4));
        assertThat(reviewed.getStatusCode()).as(reviewed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(reviewRows(application)).extracting(row -> row.get("kind"), row -> row.get("reviewer"))
                .containsExactly(tuple("LEGAL", SECOND_LEGAL.id()));

        List<String> managerEmails = managersWithAnEmail();
        assertThat(managerEmails).contains("manager@demo.bacasable.invalid", SECOND_MANAGER.email());
        List<Mail> told = outbox(application, "CONFLICT_DECLARED");
        assertThat(told).extracting(Mail::recipient).containsExactlyInAnyOrderElementsOf(managerEmails);
        assertThat(told).allSatisfy(mail -> {
            assertThat(mail.subject()).isEqualTo("Bac à sable – conflit d'intérêts déclaré sur la candidature "
                    + application.reference());
            assertThat(mail.body()).contains("revue juridique", application.reference());
            assertThat(mail.status()).isEqualTo("SENT");
        });
        assertThat(received(application)).filteredOn(mail -> mail.subject().contains("conflit d'intérêts"))
                .extracting(Received::recipient).containsExactlyInAnyOrderElementsOf(managerEmails);

        JsonNode tracking = tracking(application);
        assertThat(tracking.path("messages").findValuesAsText("subject"))
                .as("what the applicant's tracking view shows").hasSize(1)
                .allMatch(subject -> subject.contains("reçue"))
                .noneMatch(subject -> subject.contains("conflit"));
        assertThat(tracking.toString()).doesNotContain("conflit", "Ville de Lyon sur ce projet", "legal@");
    }

    @Test
    void conflictDetailsReachTheManagersAsTheFormPromises() {
        Case application = underReview(campaignId);
        String taskId = taskId(application, TECHNICAL_TASK);

        ResponseEntity<String> declared = submit("tech", taskId, Map.of(
                "technicalConflictOfInterest", "yes",
                "technicalConflictDetails", "Mon conjoint travaille dans l'équipe projet."));
        assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());

        List<Mail> told = outbox(application, "CONFLICT_DECLARED");
        assertThat(told).isNotEmpty();
        assertThat(told).allSatisfy(mail -> assertThat(mail.body())
                .as("TechnicalReviewForm: \"Nature du conflit (facultatif, transmise aux gestionnaires du programme)\"")
                .contains("Mon conjoint travaille dans l'équipe projet."));
    }

    // ---------------------------------------------------------------- four eyes

    @ParameterizedTest(name = "technical task claimed by them before: {0}")
    @ValueSource(booleans = {false, true})
    void whoeverDidTheLegalReviewCannotSeeClaimNorCompleteTheTechnicalOne(boolean claimedBefore) {
        Case application = underReview(campaignId);
        String both = BOTH_GROUPS.id();
        assertThat(keys(tasksSeenBy(both, application))).containsExactlyInAnyOrder(LEGAL_TASK, TECHNICAL_TASK);
        String technicalId = taskId(application, TECHNICAL_TASK);
        String legalId = taskId(application, LEGAL_TASK);
        if (claimedBefore) {
            assertThat(claim(both, technicalId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        assertThat(claim(both, legalId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> legalDone = submit(both, legalId, legalReview(4, 4, 4, 4));
        assertThat(legalDone.getStatusCode()).as(legalDone.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(taskService.createTaskQuery().taskId(technicalId).singleResult().getAssignee())
                .as("the technical task").isNull();
        assertThat(claim(both, technicalId).getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(submit(both, technicalId, technicalReview(4, 4, 4, 4)).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(post(both, "/engine-rest/task/" + technicalId + "/complete", "{\"variables\": {}}")
                .getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(taskService.createTaskQuery().taskId(technicalId).count()).isEqualTo(1);
        assertThat(reviewRows(application)).extracting(row -> row.get("kind")).containsExactly("LEGAL");
        assertThat(keys(tasksSeenBy(both, application))).as("tasks %s lists", both).isEmpty();
        ResponseEntity<String> opened = get(both, "/engine-rest/task/" + technicalId);
        assertThat(opened.getStatusCode()).as("%s opening the technical task: %s", both, opened.getBody())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

        assertThat(keys(tasksSeenBy("tech", application))).containsExactly(TECHNICAL_TASK);
        assertThat(submit("tech", technicalId, technicalReview(4, 4, 4, 4)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(reviewRows(application)).extracting(row -> row.get("kind"), row -> row.get("reviewer"))
                .containsExactlyInAnyOrder(tuple("LEGAL", both), tuple("TECHNICAL", "tech"));
    }

    @Test
    void technicalTaskRecreatedAfterAConflictStaysClosedToWhoeverDidTheLegalReview() {
        Case application = underReview(campaignId);
        String both = BOTH_GROUPS.id();
        ResponseEntity<String> legalDone = submit(both, taskId(application, LEGAL_TASK), legalReview(4, 4, 4, 4));
        assertThat(legalDone.getStatusCode()).as(legalDone.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> declared = submit("tech", taskId(application, TECHNICAL_TASK),
                Map.of("technicalConflictOfInterest", "yes"));
        assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());

        String again = taskId(application, TECHNICAL_TASK);
        for (String excluded : List.of(both, "tech")) {
            assertThat(keys(tasksSeenBy(excluded, application))).as("tasks %s sees", excluded).isEmpty();
            assertThat(claim(excluded, again).getStatusCode()).as("%s claiming", excluded)
                    .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
            assertThat(submit(excluded, again, technicalReview(4, 4, 4, 4)).getStatusCode())
                    .as("%s completing", excluded).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        }
        assertThat(keys(tasksSeenBy(SECOND_TECHNICAL.id(), application))).containsExactly(TECHNICAL_TASK);
        assertThat(submit(SECOND_TECHNICAL.id(), again, technicalReview(4, 4, 4, 4)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());
        assertThat(status(application)).isEqualTo(ApplicationStatus.SHORTLISTED);
    }

    // ---------------------------------------------------------------- validation

    static Stream<Arguments> invalidLegalReviews() {
        return Stream.of(
                Arguments.of("a quarter point", change("legalRelevanceScore", "4.25"), SCORE_MESSAGE),
                Arguments.of("above 5", change("legalRelevanceScore", "6"), SCORE_MESSAGE),
                Arguments.of("below 0", change("legalRelevanceScore", "-0.5"), SCORE_MESSAGE),
                Arguments.of("not a number", change("legalRelevanceScore", "quatre"), SCORE_MESSAGE),
                Arguments.of("no score", change("legalRelevanceScore", null), SCORE_MESSAGE),
                Arguments.of("no justification", change("legalQualityJustification", null),
                        "Justifiez la note du critère « " + QUALITY_LABEL + " »."),
                Arguments.of("a blank justification", change("legalQualityJustification", "   "),
                        "Justifiez la note du critère « " + QUALITY_LABEL + " »."),
                Arguments.of("a justification over 4000 characters",
                        change("legalQualityJustification", "a".repeat(4001)),
                        "Ce texte est trop long (4000 caractères au plus)"),
                Arguments.of("a control character", change("legalRemarks", "Remarque\u0007"),
                        "Ce texte est trop long (4000 caractères au plus) ou contient des caractères non autorisés."),
                Arguments.of("no conflict declaration", change("legalConflictOfInterest", null),
                        "Indiquez si vous avez un conflit d'intérêts avec ce projet."),
                Arguments.of("an unknown conflict answer", change("legalConflictOfInterest", "peut-être"),
                        "Indiquez si vous avez un conflit d'intérêts avec ce projet."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLegalReviews")
    void invalidReviewIsRefusedInFrenchAndStoresNothing(String description, Consumer<Map<String, Object>> change,
            String message) {
        Case application = underReview(campaignId);
        String taskId = taskId(application, LEGAL_TASK);
        assertThat(claim("legal", taskId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> form = legalReview(4, 4, 4, 4);
        change.accept(form);

        ResponseEntity<String> response = submit("legal", taskId, form);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(response).path("message").asText()).contains(message);
        assertNothingStored(application, taskId, "legal");
    }

    @Test
    void invalidTechnicalScoreIsRefusedInFrenchAndStoresNothing() {
        Case application = underReview(campaignId);
        String taskId = taskId(application, TECHNICAL_TASK);
        assertThat(claim("tech", taskId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> form = technicalReview(4, 4, 4, 4);
        form.put("technicalImpactScore", "5.5");

        ResponseEntity<String> response = submit("tech", taskId, form);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(response).path("message").asText())
                .contains("Notez le critère « Impact et potentiel de généralisation » de 0 à 5, par demi-points.");
        assertNothingStored(application, taskId, "tech");
    }

    @Test
    void scoreSentAsANumberIsAccepted() {
        Case application = underReview(campaignId);
        Map<String, Object> form = legalReview(4, 4, 4, 4);
        form.put("legalRelevanceScore", 3.5);

        ResponseEntity<String> response = submit("legal", taskId(application, LEGAL_TASK), form);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(new BigDecimal(String.valueOf(reviewRows(application).get(0).get("relevance_score"))))
                .isEqualByComparingTo("3.5");
    }

    // ---------------------------------------------------------------- consensus and outcome

    @Test
    void twoPointsApartGoesToAConsensusWhoseScoresAndReasonDecide() {
        Case application = underReview(campaignId);
        completeReviews(application, new double[] {4, 4, 4, 4}, new double[] {2, 4, 4, 4});

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey(CONSENSUS_TASK).count()).isEqualTo(1);
        assertThat(keys(tasksSeenBy("manager", application))).containsExactly(CONSENSUS_TASK);
        assertThat(keys(tasksSeenBy("legal", application))).isEmpty();
        assertThat(keys(tasksSeenBy("tech", application))).isEmpty();
        String consensusId = taskId(application, CONSENSUS_TASK);
        assertThat(candidateGroups(consensusId)).containsExactly(StaffGroups.PROGRAMME_MANAGERS);
        assertThat(status(application)).isEqualTo(ApplicationStatus.UNDER_REVIEW);

        ResponseEntity<String> variables = get("manager", "/engine-rest/task/" + consensusId + "/form-variables");
        assertThat(variables.getStatusCode()).as(variables.getBody()).isEqualTo(HttpStatus.OK);
        String comparison = read(variables).path("reviewComparison").path("value").asText();
        assertThat(comparison).contains("| Critère | Revue juridique | Revue technique |",
                "| " + RELEVANCE_LABEL + " | 4/5 : Relevance justification, legal | 2/5 : Relevance justification, "
                        + "technical |",
                "| " + QUALITY_LABEL + " | 4/5 : ");
        ResponseEntity<String> form = get("manager", "/engine-rest/task/" + consensusId + "/deployed-form");
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("{{reviewComparison}}", "\"consensusReason\"");

        Map<String, Object> withoutReason = consensus(null, 2.5, 4, 4, 4);
        ResponseEntity<String> refused = submit("manager", consensusId, withoutReason);
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(refused).path("message").asText()).contains("Expliquez comment les notes ont été arrêtées.");
        ResponseEntity<String> badScore = submit("manager", consensusId, consensus("Accord.", 2.25, 4, 4, 4));
        assertThat(badScore.getStatusCode()).as(badScore.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(badScore).path("message").asText()).contains(SCORE_MESSAGE);
        assertThat(taskService.createTaskQuery().taskId(consensusId).count()).isEqualTo(1);
        assertThat(reviewRows(application)).extracting(row -> row.get("kind"))
                .containsExactlyInAnyOrder("LEGAL", "TECHNICAL");
        assertThat(status(application)).isEqualTo(ApplicationStatus.UNDER_REVIEW);

        String reason = "Après échange avec les deux relecteurs, la pertinence reste à démontrer.";
        ResponseEntity<String> agreed = submit("manager", consensusId, consensus(reason, 2.5, 4, 4, 4));
        assertThat(agreed.getStatusCode()).as(agreed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());

        assertThat(status(application)).as("the means (3, 4, 4, 4) would have shortlisted it")
                .isEqualTo(ApplicationStatus.REJECTED);
        Map<String, Object> outcome = outcome(application);
        assertThat(decimal(outcome.get("relevance_score"))).isEqualByComparingTo("2.5");
        assertThat(decimal(outcome.get("quality_score"))).isEqualByComparingTo("4");
        assertThat(outcome.get("review_recommendation")).isEqualTo("REJECT");
        assertThat(outcome.get("review_rejection_reason")).isEqualTo("La note moyenne attribuée à la "
                + "pertinence de l'usage de l'IA pour le service public est inférieure au seuil de 3 sur 5.");
        List<Map<String, Object>> consensusRows = reviewRows(application).stream()
                .filter(row -> "CONSENSUS".equals(row.get("kind"))).toList();
        assertThat(consensusRows).hasSize(1);
        assertThat(consensusRows.get(0).get("reviewer")).isEqualTo("manager");
        assertThat(consensusRows.get(0).get("remarks")).isEqualTo(reason);
        assertThat(runtimeService.getVariables(application.processInstanceId())).doesNotContainKeys(
                "reviewComparison", "consensusReason", "consensusRelevanceScore");
        assertThat(tracking(application).path("status").asText()).isEqualTo("REJECTED");
    }

    static Stream<Arguments> agreeingReviews() {
        return Stream.of(
                Arguments.of("every mean 3.25, total 13", new double[] {3.5, 3, 3.5, 3}, new double[] {3, 3.5, 3, 3.5},
                        ApplicationStatus.SHORTLISTED, null),
                Arguments.of("every mean at least 3, total 12.25", new double[] {3, 3, 3, 3},
                        new double[] {3, 3, 3.5, 3}, ApplicationStatus.REJECTED,
                        "La note totale du projet est inférieure au seuil de 13 sur 20."),
                Arguments.of("relevance mean 2.75", new double[] {2.5, 5, 5, 5}, new double[] {3, 5, 5, 5},
                        ApplicationStatus.REJECTED, "La note moyenne attribuée à la pertinence de l'usage de l'IA "
                                + "pour le service public est inférieure au seuil de 3 sur 5."),
                Arguments.of("1.5 points apart, impact mean 2.75", new double[] {4, 4, 4, 3.5},
                        new double[] {4, 4, 4, 2}, ApplicationStatus.REJECTED, "La note moyenne attribuée à l'impact "
                                + "et au potentiel de généralisation du projet est inférieure au seuil de 3 sur 5."),
                Arguments.of("1.5 points apart, all good", new double[] {5, 3.5, 4, 4}, new double[] {3.5, 3.5, 4, 4},
                        ApplicationStatus.SHORTLISTED, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreeingReviews")
    void withoutDivergenceTheMeansDecide(String description, double[] legal, double[] technical,
            ApplicationStatus expected, String reason) {
        Case application = underReview(campaignId);

        completeReviews(application, legal, technical);

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.reference()).count())
                .as("no consensus task").isZero();
        assertThat(status(application)).isEqualTo(expected);
        assertThat(tracking(application).path("status").asText()).isEqualTo(expected.name());
        Map<String, Object> outcome = outcome(application);
        assertThat(outcome.get("review_recommendation"))
                .isEqualTo(expected == ApplicationStatus.SHORTLISTED ? "SHORTLIST" : "REJECT");
        assertThat(outcome.get("review_rejection_reason")).isEqualTo(reason);
        assertThat(decimal(outcome.get("relevance_score")))
                .isEqualByComparingTo(BigDecimal.valueOf((legal[0] + technical[0]) / 2));
        assertThat(decimal(outcome.get("impact_score")))
                .isEqualByComparingTo(BigDecimal.valueOf((legal[3] + technical[3]) / 2));
        assertThat(reviewRows(application)).extracting(row -> row.get("kind"))
                .containsExactlyInAnyOrder("LEGAL", "TECHNICAL");
        assertThat(managementService.createJobQuery().rootProcessInstanceId(application.processInstanceId()).count())
                .as("no review timer left").isZero();
        assertThat(runtimeService.createExecutionQuery().processInstanceBusinessKey(application.reference())
                .activityId("Task_AwaitSelection").count()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- reminders and escalation

    @Test
    void overdueReviewRemindsThenEscalatesAndTheTaskStays() throws Exception {
        Case application = underReview(campaignId);
        String legalId = taskId(application, LEGAL_TASK);
        String technicalId = taskId(application, TECHNICAL_TASK);
        assertThat(claim("tech", technicalId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String dueDay = frenchDate(LocalDate.ofInstant(application.due(), ProgrammeTime.ZONE));

        ClockUtil.setCurrentTime(Date.from(application.due().minus(Duration.ofMinutes(1))));
        executeJobs(application.processInstanceId());
        assertThat(outbox(application, "REVIEW_REMINDER")).as("nothing before the due date").isEmpty();

        ClockUtil.setCurrentTime(Date.from(application.due().plus(Duration.ofMinutes(1))));
        executeJobs(application.processInstanceId());

        List<Mail> reminders = outbox(application, "REVIEW_REMINDER");
        List<String> legalGroup = emailsOf(StaffGroups.LEGAL_REVIEWERS);
        assertThat(legalGroup).contains("legal@demo.bacasable.invalid", SECOND_LEGAL.email(), BOTH_GROUPS.email());
        assertThat(reminders).filteredOn(mail -> mail.subject().contains("revue juridique"))
                .extracting(Mail::recipient).as("the legal group, nobody took the task")
                .containsExactlyInAnyOrderElementsOf(legalGroup);
        assertThat(reminders).filteredOn(mail -> mail.subject().contains("revue technique"))
                .extracting(Mail::recipient).as("the technical reviewer who took the task")
                .containsExactly("tech@demo.bacasable.invalid");
        assertThat(reminders).allSatisfy(mail -> {
            assertThat(mail.status()).isEqualTo("SENT");
            assertThat(mail.body()).contains(application.reference(), dueDay);
        });
        assertThat(outbox(application, "REVIEW_ESCALATION")).isEmpty();
        assertThat(received(application)).extracting(Received::recipient, Received::subject).contains(
                tuple("tech@demo.bacasable.invalid", "Bac à sable – revue technique de "
                        + "la candidature " + application.reference() + " à rendre"),
                tuple(SECOND_LEGAL.email(), "Bac à sable – revue juridique de la "
                        + "candidature " + application.reference() + " à rendre"));
        assertTasksStay(application, legalId, technicalId);

        ClockUtil.setCurrentTime(Date.from(application.due().plus(ESCALATION_DELAY).minus(Duration.ofMinutes(1))));
        executeJobs(application.processInstanceId());
        assertThat(outbox(application, "REVIEW_ESCALATION")).isEmpty();

        ClockUtil.setCurrentTime(Date.from(application.due().plus(ESCALATION_DELAY).plus(Duration.ofMinutes(1))));
        executeJobs(application.processInstanceId());

        List<Mail> escalations = outbox(application, "REVIEW_ESCALATION");
        List<String> managerEmails = managersWithAnEmail();
        assertThat(escalations).filteredOn(mail -> mail.subject().equals("Bac à sable – revue juridique en retard "
                + "pour la candidature " + application.reference())).extracting(Mail::recipient)
                .containsExactlyInAnyOrderElementsOf(managerEmails);
        assertThat(escalations).filteredOn(mail -> mail.subject().equals("Bac à sable – revue technique en retard "
                + "pour la candidature " + application.reference())).extracting(Mail::recipient)
                .containsExactlyInAnyOrderElementsOf(managerEmails);
        assertThat(escalations).hasSize(2 * managerEmails.size())
                .allSatisfy(mail -> assertThat(mail.body()).contains(dueDay, "n'est toujours pas réalisée"));
        assertThat(outbox(application, "REVIEW_REMINDER")).hasSameSizeAs(reminders);
        assertThat(received(application)).extracting(Received::recipient, Received::subject).contains(
                tuple(SECOND_MANAGER.email(), "Bac à sable – revue juridique en retard "
                        + "pour la candidature " + application.reference()),
                tuple("manager@demo.bacasable.invalid", "Bac à sable – revue technique "
                        + "en retard pour la candidature " + application.reference()));
        assertThat(received(application)).as("every outbox message sent once")
                .hasSize(1 + reminders.size() + escalations.size());
        assertTasksStay(application, legalId, technicalId);
        assertThat(managementService.createJobQuery().rootProcessInstanceId(application.processInstanceId()).count())
                .as("no timer fires twice").isZero();
        assertThat(tracking(application).path("messages")).hasSize(1);

        assertThat(submit("legal", legalId, legalReview(4, 4, 4, 4)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(submit("tech", technicalId, technicalReview(4, 4, 4, 4)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());
        assertThat(status(application)).isEqualTo(ApplicationStatus.SHORTLISTED);
    }

    @Test
    void reminderGoesToNobodyWhoIsOffTheTask() {
        Case application = underReview(campaignId);
        ResponseEntity<String> declared = submit("legal", taskId(application, LEGAL_TASK),
                Map.of("legalConflictOfInterest", "yes"));
        assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> technicalDone = submit(BOTH_GROUPS.id(), taskId(application, TECHNICAL_TASK),
                technicalReview(4, 4, 4, 4));
        assertThat(technicalDone.getStatusCode()).as(technicalDone.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());

        ClockUtil.setCurrentTime(Date.from(application.due().plus(Duration.ofMinutes(1))));
        executeJobs(application.processInstanceId());

        assertThat(outbox(application, "REVIEW_REMINDER")).extracting(Mail::recipient)
                .as("the legal group without who declared a conflict and who did the technical review")
                .containsExactly(SECOND_LEGAL.email());
    }

    // ---------------------------------------------------------------- two completions at once

    @Test
    void twoManagersCompletingTheSameConsensusAtOnceWriteItOnce() throws Exception {
        Case application = underReview(campaignId);
        completeReviews(application, new double[] {4, 4, 4, 4}, new double[] {1, 4, 4, 4});
        String consensusId = taskId(application, CONSENSUS_TASK);

        List<ResponseEntity<String>> responses = atOnce(application, "CONSENSUS",
                () -> submit("manager", consensusId, consensus("Accord de la première gestionnaire.", 3, 4, 4, 4)),
                () -> submit(SECOND_MANAGER.id(), consensusId, consensus("Accord du second gestionnaire.", 2, 4, 4,
                        4)));
        executeJobs(application.processInstanceId());

        assertOneWonTheOtherGotAConflict(responses);
        assertThat(reviewRows(application)).filteredOn(row -> "CONSENSUS".equals(row.get("kind")))
                .hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application_event WHERE application_id = :id AND event_type IN "
                + "('SHORTLISTED', 'REJECTED')").param("id", application.applicationId()).query(Long.class).single())
                .isEqualTo(1);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.reference()).count()).isZero();
    }

    @Test
    void twoSessionsOfOneReviewerCompletingTheSameTaskAtOnceWriteItOnce() throws Exception {
        Case application = underReview(campaignId);
        String legalId = taskId(application, LEGAL_TASK);
        assertThat(claim("legal", legalId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        List<ResponseEntity<String>> responses = atOnce(application, "LEGAL",
                () -> submit("legal", legalId, legalReview(4, 4, 4, 4)),
                () -> submit("legal", legalId, legalReview(3, 3, 3, 3)));

        assertOneWonTheOtherGotAConflict(responses);
        assertThat(reviewRows(application)).hasSize(1);
        assertThat(taskService.createTaskQuery().taskId(legalId).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey(TECHNICAL_TASK).count()).isEqualTo(1);
    }

    @Test
    void completingATaskAlreadyCompletedIsAClientError() {
        Case application = underReview(campaignId);
        String legalId = taskId(application, LEGAL_TASK);
        assertThat(submit("legal", legalId, legalReview(4, 4, 4, 4)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<String> again = submit("legal", legalId, legalReview(3, 3, 3, 3));

        assertThat(again.getStatusCode()).as(again.getBody()).isIn(HttpStatus.NOT_FOUND, HttpStatus.CONFLICT);
        assertThat(reviewRows(application)).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers: the application

    /** An application found complete by a programme manager, over HTTP; completion time bracketed. */
    record Case(String reference, String token, String applicationId, String processInstanceId,
            Instant completedFrom, Instant completedTo, Instant due) {
    }

    Case underReview(String campaign) {
        ResponseEntity<String> submitted = exchange(null, HttpMethod.POST, "/api/campaigns/" + campaign
                + "/applications", Applications.validBody());
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode receipt = read(submitted);
        String reference = receipt.path("reference").asText();
        String token = receipt.path("trackingToken").asText();
        String processInstanceId = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(reference).singleResult().getId();
        processInstances.add(processInstanceId);
        executeJobs(processInstanceId);
        String applicationId = jdbc.sql("SELECT id FROM application WHERE reference = :reference")
                .param("reference", reference).query(String.class).single();

        JsonNode completeness = read(get("manager", "/engine-rest/task?processInstanceBusinessKey=" + reference
                + "&taskDefinitionKey=" + COMPLETENESS_TASK + "&firstResult=0&maxResults=10"));
        assertThat(completeness).hasSize(1);
        String completenessId = completeness.get(0).path("id").asText();
        assertThat(claim("manager", completenessId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ResponseEntity<String> complete = submit("manager", completenessId, Map.of("completeness", "COMPLETE"));
        Instant to = Instant.now();
        assertThat(complete.getStatusCode()).as(complete.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(processInstanceId);
        assertThat(applications.get(applicationId).status()).isEqualTo(ApplicationStatus.UNDER_REVIEW);
        String review = runtimeService.createProcessInstanceQuery().superProcessInstanceId(processInstanceId)
                .processDefinitionKey(ReviewVariables.PROCESS_KEY).singleResult().getId();
        Date due = (Date) runtimeService.getVariable(review, "legalReviewDueAt");
        return new Case(reference, token, applicationId, processInstanceId, from, to, due.toInstant());
    }

    void completeReviews(Case application, double[] legal, double[] technical) {
        ResponseEntity<String> legalDone = submit("legal", taskId(application, LEGAL_TASK),
                legalReview(legal[0], legal[1], legal[2], legal[3]));
        assertThat(legalDone.getStatusCode()).as(legalDone.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> technicalDone = submit("tech", taskId(application, TECHNICAL_TASK),
                technicalReview(technical[0], technical[1], technical[2], technical[3]));
        assertThat(technicalDone.getStatusCode()).as(technicalDone.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        executeJobs(application.processInstanceId());
    }

    ApplicationStatus status(Case application) {
        return applications.get(application.applicationId()).status();
    }

    Map<String, Object> outcome(Case application) {
        return jdbc.sql("SELECT relevance_score, data_protection_interest_score, quality_score, impact_score, "
                + "review_recommendation, review_rejection_reason FROM application WHERE id = :id")
                .param("id", application.applicationId()).query().singleRow();
    }

    List<Map<String, Object>> reviewRows(Case application) {
        return jdbc.sql("SELECT * FROM review WHERE application_id = :id ORDER BY completed_at")
                .param("id", application.applicationId()).query().listOfRows();
    }

    JsonNode tracking(Case application) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(application.token());
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<String> response = http.exchange("/api/applications/" + application.reference(),
                HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return read(response);
    }

    void assertNothingStored(Case application, String taskId, String assignee) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        assertThat(task).as("the task stays open").isNotNull();
        assertThat(task.getAssignee()).isEqualTo(assignee);
        assertThat(reviewRows(application)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM review_conflict WHERE application_id = :id")
                .param("id", application.applicationId()).query(Long.class).single()).isZero();
        assertThat(runtimeService.getVariables(application.processInstanceId()).keySet())
                .filteredOn(name -> !name.endsWith(ReviewVariables.REVIEW_DUE_AT)
                        && !name.endsWith(ReviewVariables.REVIEW_ESCALATION_AT))
                .as("no form field left behind")
                .noneMatch(name -> name.startsWith("legal") || name.startsWith("technical"));
        assertThat(jdbc.sql("SELECT template FROM outbox_message WHERE application_id = :id")
                .param("id", application.applicationId()).query(String.class).list()).containsExactly("RECEIPT");
        assertThat(status(application)).isEqualTo(ApplicationStatus.UNDER_REVIEW);
        assertThat(get(assignee, "/engine-rest/task/" + taskId).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    void assertTasksStay(Case application, String legalId, String technicalId) {
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey(LEGAL_TASK).singleResult().getId()).isEqualTo(legalId);
        Task technical = taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey(TECHNICAL_TASK).singleResult();
        assertThat(technical.getId()).isEqualTo(technicalId);
        assertThat(technical.getAssignee()).isEqualTo("tech");
        assertThat(keys(tasksSeenBy("legal", application))).containsExactly(LEGAL_TASK);
    }

    // ---------------------------------------------------------------- helpers: forms

    static Map<String, Object> legalReview(double relevance, double interest, double quality, double impact) {
        return review("legal", relevance, interest, quality, impact);
    }

    static Map<String, Object> technicalReview(double relevance, double interest, double quality, double impact) {
        return review("technical", relevance, interest, quality, impact);
    }

    /** A review form as Tasklist submits it: scores as the select's strings, one justification each. */
    static Map<String, Object> review(String prefix, double relevance, double interest, double quality,
            double impact) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put(prefix + "ConflictOfInterest", "no");
        form.put(prefix + "RelevanceScore", score(relevance));
        form.put(prefix + "RelevanceJustification", "Relevance justification, " + prefix);
        form.put(prefix + "DataProtectionInterestScore", score(interest));
        form.put(prefix + "DataProtectionInterestJustification", "Questions nouvelles sur la base légale.");
        form.put(prefix + "QualityScore", score(quality));
        form.put(prefix + "QualityJustification", "Équipe solide, AIPD en cours.");
        form.put(prefix + "ImpactScore", score(impact));
        form.put(prefix + "ImpactJustification", "Généralisable aux autres communes.");
        form.put(prefix + "Remarks", "Rien à ajouter.");
        return form;
    }

    static Map<String, Object> consensus(String reason, double relevance, double interest, double quality,
            double impact) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("consensusRelevanceScore", score(relevance));
        form.put("consensusDataProtectionInterestScore", score(interest));
        form.put("consensusQualityScore", score(quality));
        form.put("consensusImpactScore", score(impact));
        if (reason != null) {
            form.put("consensusReason", reason);
        }
        return form;
    }

    static String score(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Sets a field, or removes it when the value is null. */
    static Consumer<Map<String, Object>> change(String field, Object value) {
        return form -> {
            if (value == null) {
                form.remove(field);
            } else {
                form.put(field, value);
            }
        };
    }

    // ---------------------------------------------------------------- helpers: engine REST

    ResponseEntity<String> get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null);
    }

    ResponseEntity<String> post(String user, String path, String body) {
        return exchange(user, HttpMethod.POST, path, body);
    }

    ResponseEntity<String> claim(String user, String taskId) {
        return post(user, "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}");
    }

    ResponseEntity<String> submit(String user, String taskId, Map<String, Object> form) {
        ObjectNode body = json.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        form.forEach((name, value) -> variables.putObject(name).set("value", json.valueToTree(value)));
        return post(user, "/engine-rest/task/" + taskId + "/submit-form", body.toString());
    }

    ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        TestRestTemplate client = user == null ? http : http.withBasicAuth(user, PASSWORD);
        return client.exchange(path, method, new HttpEntity<>(body == null ? null : body.toString(), headers),
                String.class);
    }

    /** The tasks of this application the user gets from the task list, as Tasklist asks for them. */
    JsonNode tasksSeenBy(String user, Case application) {
        ResponseEntity<String> response = get(user, "/engine-rest/task?processInstanceBusinessKey="
                + application.reference() + "&firstResult=0&maxResults=100");
        assertThat(response.getStatusCode()).as("%s listing tasks: %s", user, response.getBody())
                .isEqualTo(HttpStatus.OK);
        return read(response);
    }

    static List<String> keys(JsonNode tasks) {
        return tasks.findValuesAsText("taskDefinitionKey");
    }

    static Instant dueOf(JsonNode task) {
        return OffsetDateTime.parse(task.path("due").asText(), ENGINE_DATE).toInstant();
    }

    static void assertDueTenDaysAfterCompleteness(JsonNode task, Case application) {
        assertThat(task.path("due").isNull()).as("due date of %s", task.path("name")).isFalse();
        assertThat(dueOf(task)).isBetween(application.completedFrom().plus(REVIEW_DELAY),
                application.completedTo().plus(REVIEW_DELAY));
    }

    String taskId(Case application, String definitionKey) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey(definitionKey).singleResult();
        assertThat(task).as("open task %s", definitionKey).isNotNull();
        return task.getId();
    }

    List<String> candidateGroups(String taskId) {
        return taskService.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLink::getGroupId).filter(Objects::nonNull).toList();
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(Objects.requireNonNull(response.getBody(), "no body"));
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }

    /**
     * Runs the process instance's due jobs, then delivers the outbox, as the job executor and the
     * dispatcher (both off in tests) would.
     */
    void executeJobs(String processInstanceId) {
        EngineJobs.runDue(managementService, processInstanceId);
        notifications.dispatchDue();
    }

    // ---------------------------------------------------------------- helpers: concurrency

    /**
     * Sends both requests at once while a review row of this kind is held uncommitted by the test,
     * so both reach their INSERT of the review (both have loaded the task by then) before either can
     * commit; then lets them go.
     */
    List<ResponseEntity<String>> atOnce(Case application, String kind, Callable<ResponseEntity<String>> first,
            Callable<ResponseEntity<String>> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO review (id, application_id, kind, "
                    + "reviewer, relevance_score, data_protection_interest_score, quality_score, impact_score, "
                    + "completed_at) VALUES (?, ?, ?, 'blocker', 0, 0, 0, 0, ?)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, application.applicationId());
                insert.setString(3, kind);
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
            for (Callable<ResponseEntity<String>> request : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            awaitBlockedReviewInserts(2, futures);
            blocker.rollback();
            List<ResponseEntity<String>> responses = new ArrayList<>();
            for (Future<ResponseEntity<String>> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitBlockedReviewInserts(int count, List<Future<ResponseEntity<String>>> futures)
            throws SQLException, InterruptedException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        }
        String query = product.toLowerCase().contains("postgres")
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = "
                        + "'Lock' AND query LIKE 'INSERT INTO review %'"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE EXECUTING_STATEMENT LIKE "
                        + "'INSERT INTO review %'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            long blocked = jdbc.sql(query).query(Long.class).single();
            if (blocked >= count) {
                return;
            }
            if (futures.stream().anyMatch(Future::isDone)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("The two completions never both reached the review INSERT");
    }

    static void assertOneWonTheOtherGotAConflict(List<ResponseEntity<String>> responses) {
        String seen = responses.stream().map(response -> response.getStatusCode() + " " + response.getBody())
                .toList().toString();
        assertThat(responses).as(seen).filteredOn(response -> response.getStatusCode() == HttpStatus.NO_CONTENT)
                .hasSize(1);
        assertThat(responses).as(seen).filteredOn(response -> response.getStatusCode() != HttpStatus.NO_CONTENT)
                .singleElement().satisfies(loser -> assertThat(loser.getStatusCode())
                        .as("the issue: \"one wins, the other gets 409\"; got %s", seen)
                        .isEqualTo(HttpStatus.CONFLICT));
        assertThat(responses).extracting(ResponseEntity::getBody).as("no SQL in an answer")
                .noneMatch(body -> body != null && body.contains("INSERT INTO"));
    }

    // ---------------------------------------------------------------- helpers: staff and mail

    void ensureStaff(StaffMember member) {
        if (identityService.createUserQuery().userId(member.id()).count() > 0) {
            identityService.deleteUser(member.id());
        }
        User user = identityService.newUser(member.id());
        user.setFirstName(member.firstName());
        user.setLastName(member.lastName());
        user.setEmail(member.email());
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        member.groups().forEach(group -> identityService.createMembership(member.id(), group));
    }

    List<String> emailsOf(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getEmail)
                .filter(email -> email != null && !email.isBlank()).toList();
    }

    List<String> managersWithAnEmail() {
        return emailsOf(StaffGroups.PROGRAMME_MANAGERS);
    }

    record Mail(String recipient, String subject, String body, String status) {
    }

    List<Mail> outbox(Case application, String template) {
        return jdbc.sql("SELECT recipient, subject, body, status FROM outbox_message WHERE application_id = :id "
                        + "AND template = :template ORDER BY seq")
                .param("id", application.applicationId()).param("template", template)
                .query((rs, row) -> new Mail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    record Received(String recipient, String subject) {
    }

    /** Mails GreenMail received about this application (its reference in the subject). */
    List<Received> received(Case application) {
        List<Received> received = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                if (message.getSubject().contains(application.reference())) {
                    received.add(new Received(((InternetAddress) message.getRecipients(RecipientType.TO)[0])
                            .getAddress(), message.getSubject()));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return received;
    }

    static String frenchDate(LocalDate day) {
        String month = day.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH));
        return (day.getDayOfMonth() == 1 ? "1er" : String.valueOf(day.getDayOfMonth())) + " " + month;
    }

    static BigDecimal decimal(Object value) {
        return new BigDecimal(String.valueOf(value));
    }

    private String demoCampaignId() {
        return campaigns.listPublic().stream().filter(campaign -> campaign.title().equals(DEMO_CAMPAIGN))
                .map(Campaign::id).findFirst().orElseThrow();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
