package fr.bacasable.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.StaffLogin;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.document.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

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
        headers.add(HttpHeaders.COOKIE, cookie);
        return headers;
    }

    private static HttpEntity<String> form(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return new HttpEntity<>(body, headers);
    }
}
