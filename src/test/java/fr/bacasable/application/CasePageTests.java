package fr.bacasable.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.StaffLogin;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.document.UploadedFile;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.selection.SelectionDriver;
import fr.bacasable.selection.SelectionDriver.Submitted;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
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
import org.springframework.web.util.HtmlUtils;

/** The staff case page: one login with Tasklist, content, document download, and who may open it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CasePageTests {

    static final String PASSWORD = "it-Secret-42";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    TestRestTemplate restTemplate;
    TestRestTemplate http;
    @Autowired
    IntakeService intake;
    @Autowired
    CampaignService campaigns;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NotificationService notifications;

    String reference;

    @BeforeEach
    void submitApplication() {
        http = restTemplate.withRedirects(Redirects.DONT_FOLLOW);
        String campaignId = campaigns.listPublic().stream().filter(Campaign::acceptsApplications).findFirst()
                .orElseThrow().id();
        reference = intake.submit(campaignId, Applications.submission("Assistant IA pour l'état civil"),
                List.of(new UploadedFile("aipd-projet.pdf", PDF))).reference();
    }

    @Test
    void anonymousVisitorIsSentToTheStaffLogin() {
        ResponseEntity<String> page = http.getForEntity("/cases/" + reference, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(page.getHeaders().getLocation().toString()).contains("/staff/login?next=%2Fcases%2F" + reference);
    }

    @Test
    void programmeManagerReadsTheWholeCaseAndDownloadsItsDocument() {
        String cookie = login("manager");

        ResponseEntity<String> page = get("/cases/" + reference, cookie);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Dossier " + reference, "Assistant IA pour l&#39;état civil",
                "Collectivité territoriale", "21690123100011", "aipd-projet.pdf", "Candidature déposée",
                "Traite-t-il des données sensibles ou hautement personnelles ?",
                "candidature " + reference + " reçue");

        String documentPath = page.getBody().replaceAll("(?s).*href=\"(/cases/[^\"]+/documents/[^\"]+)\".*", "$1");
        ResponseEntity<byte[]> document = http.exchange(documentPath, HttpMethod.GET,
                new HttpEntity<>(headers(cookie)), byte[].class);
        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(document.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(document.getBody()).isEqualTo(PDF);
    }

    @Test
    void theLoginAlsoOpensTasklist() {
        String cookie = login("manager");
        ResponseEntity<String> tasks = get("/camunda/api/engine/engine/default/task/count", cookie);
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void reviewersHaveNoRoleOnAnApplicationNotYetInReview() {
        assertThat(get("/cases/" + reference, login("legal")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/cases/" + reference, login("committee")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void reviewerOpensOnlyTheCaseOfATaskTheyMayWorkNeverOneTheyAreExcludedFrom() {
        Submitted application = driver().submit(campaignId(), "Projet en revue");
        driver().markComplete(application);
        String legal = login("legal");
        String tech = login("tech");
        assertThat(get("/cases/" + application.reference(), legal).getStatusCode()).isEqualTo(HttpStatus.OK);

        revoke("legal", driver().taskOf(application.processInstanceId(), "Task_ReviewLegal").getId());

        ResponseEntity<String> refused = get("/cases/" + application.reference(), legal);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).contains("<h1>Accès refusé</h1>",
                "un relecteur n&#39;ouvre que le dossier d&#39;une tâche qu&#39;il peut traiter")
                .doesNotContain(application.reference() + "</");
        ResponseEntity<String> document = get("/cases/" + application.reference() + "/documents/any", legal);
        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/cases/" + application.reference(), tech).getStatusCode()).as("the other reviewer")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void reviewerNoLongerOpensTheCaseOnceTheirReviewIsDone() {
        Submitted application = driver().submit(campaignId(), "Projet instruit");
        driver().review(application, new double[] {4, 4, 4, 4}, new double[] {4, 4, 4, 4});

        assertThat(get("/cases/" + application.reference(), login("legal")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void committeeAndPresidentSeeNoReviewerIdsManagersDo() {
        Submitted application = driver().submit(campaignId(), "Projet présélectionné");
        driver().review(application, new double[] {4, 4, 4, 4}, new double[] {4, 4, 4, 4});

        for (String userId : List.of("committee", "president")) {
            ResponseEntity<String> page = get("/cases/" + application.reference(), login(userId));
            assertThat(page.getStatusCode()).as(userId).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).as(userId).contains("Réaliser la revue juridique")
                    .doesNotContain("(legal)", "(tech)", "(manager)");
        }
        assertThat(get("/cases/" + application.reference(), login("manager")).getBody())
                .contains("(legal)", "(tech)");
    }

    @Test
    void reviewsShowToManagersCommitteeAndPresidentAndOnlyManagersSeeWhoReviewed() {
        Submitted application = driver().submit(campaignId(), "Projet aux revues lisibles");
        driver().review(application, new double[] {4, 3.5, 4, 4}, new double[] {4, 4, 4, 4.5});

        String managers = section(get("/cases/" + application.reference(), login("manager")), "Revues");
        assertThat(managers).contains("Revue juridique", "Revue technique", "Appréciation juridique sur relevance.",
                "Appréciation technique sur impact.", "Remarque interne de legal.", "total 15,5 sur 20",
                "total 16,5 sur 20", "Léa Dubois (legal)", "Hugo Bernard (tech)");
        for (String userId : List.of("committee", "president")) {
            assertThat(section(get("/cases/" + application.reference(), login(userId)), "Revues")).as(userId)
                    .contains("Revue juridique", "Appréciation juridique sur relevance.",
                            "Appréciation technique sur impact.", "total 16,5 sur 20")
                    .doesNotContain("Léa Dubois", "Hugo Bernard", "(legal)", "(tech)");
        }
        assertThat(get("/suivi/" + application.reference() + "/" + application.token(), null).getBody())
                .as("the applicant, shortlisted, before the selection")
                .contains("Votre candidature est présélectionnée").doesNotContain("Décision de la sélection",
                        "Appréciation juridique");
    }

    @Test
    void aReviewerSeesNoReviewNotEvenTheOtherOneAlreadyDone() {
        Submitted application = driver().submit(campaignId(), "Projet à moitié relu");
        driver().markComplete(application);
        driver().complete("legal", List.of("legal-reviewers"),
                driver().taskOf(application.processInstanceId(), "Task_ReviewLegal"),
                SelectionDriver.form("legal", new double[] {4, 4, 4, 4}));
        driver().executeAllJobs();
        assertThat(get("/cases/" + application.reference(), login("manager")).getBody())
                .contains("Appréciation juridique sur relevance.");

        ResponseEntity<String> page = get("/cases/" + application.reference(), login("tech"));
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Dossier " + application.reference())
                .doesNotContain("<h2>Revues</h2>", "Appréciation juridique", "Remarque interne");
    }

    @Test
    void selectionShowsOnTheCasePageAndTheDecisionOnTheTrackingPageOnceTheLetterIsWritten() {
        String campaignId = driver().publish(1, 0, 1);
        Submitted first = driver().submit(campaignId, "Premier classé");
        Submitted second = driver().submit(campaignId, "Second classé");
        driver().review(first, new double[] {4.5, 4.5, 4.5, 4.5}, new double[] {4.5, 4.5, 4.5, 4.5});
        driver().review(second, new double[] {4, 4, 4, 4}, new double[] {4, 4, 4, 4});
        driver().close(campaignId);
        String committee = login("committee");
        String reason = "Projet trop proche d'un projet déjà accompagné.";
        ResponseEntity<String> moved = http.exchange("/staff/campaigns/" + campaignId + "/selection/moves",
                HttpMethod.POST, form("applicationId=" + second.applicationId() + "&outcome=NOT_SELECTED&reason="
                        + URLEncoder.encode(reason, StandardCharsets.UTF_8) + "&" + StaffLogin.TOKEN_FIELD + "="
                        + URLEncoder.encode(StaffLogin.tokenOf(http, committee, "/staff/login"), StandardCharsets.UTF_8),
                        committee), String.class);
        assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(HttpStatus.FOUND);
        String campaignProcess = driver().campaignProcess(campaignId);
        driver().complete("committee", List.of("selection-committee"),
                driver().taskOf(campaignProcess, "Task_ProposeSelection"), Map.of());
        driver().complete("president", List.of("president"), driver().taskOf(campaignProcess, "Task_DecideSelection"),
                Map.of("selectionDecision", "CONFIRM"));
        driver().executeAllJobs();

        String managers = section(get("/cases/" + second.reference(), login("manager")), "Sélection");
        assertThat(managers).contains("Rang au classement</dt><dd>2</dd>", "16 sur 20", "Liste complémentaire",
                "Non sélectionné", "Candidature déplacée par le comité", reason, "(committee)",
                "Décision transmise à la candidature");
        assertThat(section(get("/cases/" + second.reference(), committee), "Sélection"))
                .contains("Rang au classement</dt><dd>2</dd>", reason).doesNotContain("(committee)");

        String tracking = HtmlUtils.htmlUnescape(get("/suivi/" + first.reference() + "/" + first.token(), null)
                .getBody());
        assertThat(tracking).contains("Décision de la sélection", "Lauréat (accompagné)", "total 18 sur 20",
                "Appréciation juridique sur relevance.", "Appréciation technique sur impact.")
                .doesNotContain("Rang au classement", "Remarque interne", "Léa Dubois", "Hugo Bernard", "(legal)",
                        "(tech)", "Revue juridique");
    }

    @Test
    void inspectionCannotEvenLogIn() {
        ResponseEntity<String> refused = postLogin("inspector", "/cases/" + reference);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(refused.getBody()).contains("Ce compte n&#39;a pas accès au bac à sable.");
        assertThat(refused.getHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
    }

    @Test
    void loginRefusesAWrongPasswordInFrench() {
        ResponseEntity<String> refused = StaffLogin.post(http, "president", "wrong", "/");
        assertThat(refused.getBody()).contains("Identifiant ou mot de passe incorrect.");
    }

    @Test
    void loginNeverRedirectsOffSite() {
        ResponseEntity<String> response = postLogin("manager", "//evil.example/");
        assertThat(response.getHeaders().getLocation().getPath()).isEqualTo("/");
        assertThat(response.getHeaders().getLocation().getHost()).isNotEqualTo("evil.example");
    }

    private SelectionDriver driver() {
        return new SelectionDriver(campaigns, intake, runtimeService, taskService, managementService, identityService,
                jdbc, notifications);
    }

    private String campaignId() {
        return campaigns.listPublic().stream().filter(Campaign::acceptsApplications).findFirst().orElseThrow().id();
    }

    /** As a conflict of interest does: a user-level revoke of everything on the task. */
    private void revoke(String userId, String taskId) {
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(userId);
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(taskId);
        revoke.removePermission(Permissions.ALL);
        authorizationService.saveAuthorization(revoke);
    }

    private String login(String userId) {
        return StaffLogin.cookie(http, userId, PASSWORD);
    }

    private ResponseEntity<String> postLogin(String userId, String next) {
        return StaffLogin.post(http, userId, PASSWORD, next);
    }

    private ResponseEntity<String> get(String path, String cookie) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers(cookie)), String.class);
    }

    private static HttpHeaders headers(String cookie) {
        HttpHeaders headers = new HttpHeaders();
        if (cookie != null) {
            headers.add(HttpHeaders.COOKIE, cookie);
        }
        return headers;
    }

    private static HttpEntity<String> form(String body, String cookie) {
        HttpHeaders headers = headers(cookie);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return new HttpEntity<>(body, headers);
    }

    /** The part of the page under the heading {@code title}, up to the next heading of its level. */
    private static String section(ResponseEntity<String> page, String title) {
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        String body = HtmlUtils.htmlUnescape(page.getBody());
        int start = body.indexOf("<h2>" + title + "</h2>");
        assertThat(start).as("section %s", title).isNotNegative();
        return body.substring(start, body.indexOf("<h2>", start + 1));
    }
}
