package fr.bacasable.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.ClientAddress;
import fr.bacasable.ClientAddress.Answer;
import fr.bacasable.StaffLogin;
import fr.bacasable.application.ApplicationReviewVariables;
import fr.bacasable.application.Applications;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staff side of the trust boundary, as an attacker would try it: security headers on every
 * kind of our pages, forged staff requests (another origin, no token), starts and moves of
 * processes through the engine REST API, login redirects, and login throttling that never locks
 * a staff member out from another client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bas.limits.login-failures-per-client=10",
        "bas.limits.login-failures-per-client-and-user=5",
        "bas.security.hsts=max-age=31536000; includeSubDomains"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StaffBoundaryTests {

    static final String PASSWORD = "it-Secret-42";
    static final String CALL_FOR_PROJECTS = "CallForProjectsProcess";
    private static final AtomicInteger NEXT_CLIENT = new AtomicInteger(2);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate restTemplate;
    TestRestTemplate http;
    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;

    final ObjectMapper json = new ObjectMapper();
    Campaign campaign;

    @BeforeEach
    void demoCampaign() {
        http = restTemplate.withRedirects(Redirects.DONT_FOLLOW);
        campaign = campaigns.listPublic().stream().filter(Campaign::acceptsApplications).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- security headers

    @Test
    void everyKindOfOurPagesCarriesTheSecurityHeaders() {
        String cookie = StaffLogin.cookie(http, "manager", PASSWORD);
        String reference = intake.submit(campaign.id(), Applications.submission("Projet des en-têtes"), List.of())
                .reference();
        Map<String, ResponseEntity<String>> pages = Map.of(
                "home", get("/", null),
                "campaign", get("/campagnes/" + campaign.id(), null),
                "tracking", get("/suivi/" + reference + "/not-the-token", null),
                "staff login", get("/staff/login", null),
                "staff campaigns", get("/staff/campaigns", cookie),
                "case page", get("/cases/" + reference, cookie),
                "api", get("/api/applications/" + reference, null));

        pages.forEach((kind, page) -> {
            HttpHeaders headers = page.getHeaders();
            assertThat(headers.getFirst("Content-Security-Policy")).as(kind)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(kind).isEqualTo("nosniff");
            assertThat(headers.getFirst("Referrer-Policy")).as(kind).isEqualTo("no-referrer");
            assertThat(headers.getFirst("X-Frame-Options")).as(kind).isEqualTo("DENY");
            assertThat(headers.getFirst("Strict-Transport-Security")).as(kind).startsWith("max-age=31536000");
        });
        assertThat(pages.get("staff campaigns").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pages.get("case page").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pages.get("staff campaigns").getBody()).doesNotContain("<script>", " style=\"");
    }

    // ---------------------------------------------------------------- forged staff requests

    @Test
    void closeNowFromAnotherOriginIsRefusedInFrenchAndChangesNothing() {
        String cookie = StaffLogin.cookie(http, "manager", PASSWORD);
        String token = StaffLogin.tokenOf(http, cookie, "/staff/campaigns");
        HttpHeaders headers = form(cookie);
        headers.add("Origin", "https://evil.example");

        ResponseEntity<String> refused = http.exchange(closeNow(), HttpMethod.POST,
                new HttpEntity<>(StaffLogin.TOKEN_FIELD + "=" + encode(token), headers), String.class);

        assertRefused(refused);
    }

    @Test
    void closeNowWithoutTheTokenIsRefusedAndChangesNothing() {
        String cookie = StaffLogin.cookie(http, "manager", PASSWORD);
        HttpHeaders headers = form(cookie);
        headers.add("Origin", "http://localhost:" + port);

        assertRefused(http.exchange(closeNow(), HttpMethod.POST, new HttpEntity<>("", headers), String.class));
        assertRefused(http.exchange(closeNow(), HttpMethod.POST,
                new HttpEntity<>(StaffLogin.TOKEN_FIELD + "=forged", headers), String.class));
    }

    @Test
    void aFormPostedUnderNoReferrerPolicyPassesOnItsTokenAlone() {
        ResponseEntity<String> page = http.getForEntity("/staff/login", String.class);
        HttpHeaders headers = form(StaffLogin.sessionCookie(page));
        headers.add("Origin", "null");
        ResponseEntity<String> login = http.exchange("/staff/login", HttpMethod.POST, new HttpEntity<>(
                "username=manager&password=" + PASSWORD + "&next=/&" + StaffLogin.TOKEN_FIELD + "="
                        + encode(StaffLogin.tokenIn(page.getBody())), headers), String.class);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FOUND);

        HttpHeaders withoutToken = form(StaffLogin.sessionCookie(login));
        withoutToken.add("Origin", "null");
        assertRefused(http.exchange(closeNow(), HttpMethod.POST, new HttpEntity<>("", withoutToken), String.class));
    }

    @Test
    void loginWithoutTheTokenOrFromAnotherOriginIsRefused() {
        HttpHeaders headers = form(null);
        ResponseEntity<String> withoutToken = http.exchange("/staff/login", HttpMethod.POST,
                new HttpEntity<>("username=manager&password=" + PASSWORD + "&next=/", headers), String.class);
        assertThat(withoutToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(StaffLogin.sessionCookie(withoutToken)).as("no session opened").isEmpty();

        ResponseEntity<String> page = http.getForEntity("/staff/login", String.class);
        HttpHeaders crossOrigin = form(StaffLogin.sessionCookie(page));
        crossOrigin.add("Referer", "https://evil.example/login.html");
        ResponseEntity<String> forged = http.exchange("/staff/login", HttpMethod.POST, new HttpEntity<>(
                "username=manager&password=" + PASSWORD + "&next=/&" + StaffLogin.TOKEN_FIELD + "="
                        + encode(StaffLogin.tokenIn(page.getBody())), crossOrigin), String.class);
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(forged.getBody()).contains("Requête refusée");
    }

    // ---------------------------------------------------------------- starts and moves of processes

    @Test
    void startInstructionsAreRefusedOnEveryStartRoute() {
        long before = instances(CALL_FOR_PROJECTS);
        String body = "{\"variables\":{},\"startInstructions\":[{\"type\":\"startBeforeActivity\","
                + "\"activityId\":\"Task_ProposeSelection\"}]}";
        String definitionId = latestDefinition(CALL_FOR_PROJECTS);
        for (String path : List.of("/engine-rest/process-definition/key/" + CALL_FOR_PROJECTS + "/start",
                "/engine-rest/process-definition/key/" + CALL_FOR_PROJECTS + "/submit-form",
                "/engine-rest/process-definition/" + definitionId + "/start",
                "/engine-rest/process-definition/" + definitionId + "/submit-form/")) {
            ResponseEntity<String> refused = asUser("manager", HttpMethod.POST, path, body);
            assertProblem(refused, HttpStatus.BAD_REQUEST, "startInstructions");
        }
        assertProblem(asUser("admin", HttpMethod.POST, "/engine-rest/process-definition/key/" + CALL_FOR_PROJECTS
                + "/start", "{\"skipIoMappings\":true}"), HttpStatus.BAD_REQUEST, "skipIoMappings");
        assertThat(instances(CALL_FOR_PROJECTS)).isEqualTo(before);
    }

    @Test
    void applicationProcessesCannotBeStartedByPeopleOnEitherApi() {
        String key = ApplicationReviewVariables.PROCESS_KEY;
        long before = instances(key);
        assertProblem(asUser("manager", HttpMethod.POST, "/engine-rest/process-definition/key/" + key + "/start",
                "{\"variables\":{}}"), HttpStatus.FORBIDDEN, "ne se démarre pas à la main");
        assertProblem(asUser("admin", HttpMethod.POST, "/engine-rest/process-definition/" + latestDefinition(key)
                + "/submit-form", "{\"variables\":{}}"), HttpStatus.FORBIDDEN, "ne se démarre pas à la main");

        HttpHeaders session = new HttpHeaders();
        session.addAll(StaffLogin.webappSession(http, "manager", PASSWORD, "tasklist").headers());
        session.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> webapp = http.exchange("/camunda/api/engine/engine/default/process-definition/"
                + latestDefinition(key) + "/submit-form", HttpMethod.POST,
                new HttpEntity<>("{\"variables\":{}}", session), String.class);
        assertProblem(webapp, HttpStatus.FORBIDDEN, "ne se démarre pas à la main");
        assertThat(instances(key)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT /process-instance/{id}/variables/eligible",
            "POST /process-instance/{id}/variables",
            "DELETE /process-instance/{id}/variables/reference",
            "POST /process-instance/{id}/modification",
            "POST /process-instance/{id}//modification;x=y/",
            "POST /process-instance/{id}/%6dodification",
            "POST /message",
            "POST /signal",
            "POST /execution/{id}/localVariables",
            "POST /process-definition/key/ApplicationReviewProcess/restart"})
    void processesAreMovedByTheApplicationNotByPeople(String route) throws Exception {
        String processInstanceId = submittedProcess();
        String[] methodAndPath = route.replace("{id}", processInstanceId).split(" ");
        Map<String, Object> variables = runtimeService.getVariables(processInstanceId);

        ResponseEntity<String> refused = asUser("manager", HttpMethod.valueOf(methodAndPath[0]),
                "/engine-rest" + methodAndPath[1], "{\"value\":false,\"type\":\"Boolean\",\"messageName\":\"x\","
                        + "\"name\":\"x\",\"modifications\":{}}");

        assertProblem(refused, HttpStatus.FORBIDDEN, "réservés à l'administration technique");
        assertThat(runtimeService.getVariables(processInstanceId)).isEqualTo(variables);
    }

    @Test
    void anonymousRequestsStillGetTheEnginesOwn401() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> anonymous = http.exchange("/engine-rest/message", HttpMethod.POST,
                new HttpEntity<>("{\"messageName\":\"x\"}", headers), String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theAdministratorStillReachesTheEngineForMessagesAndSignals() {
        ResponseEntity<String> signal = asUser("admin", HttpMethod.POST, "/engine-rest/signal",
                "{\"name\":\"Signal_NobodyListens\"}");
        assertThat(signal.getStatusCode()).as(signal.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    // ---------------------------------------------------------------- login redirects

    static Stream<String> oddNextValues() {
        return Stream.of("/..//evil.example", "//evil.example/", "/\\evil.example", "https://evil.example/",
                "/%2F%2Fevil.example", "/./evil", "/cases/../../evil", "http:/evil.example", "/%0d%0aSet-Cookie:x=y",
                "javascript:alert(1)", "/staff/campaigns#x", " /", "");
    }

    @ParameterizedTest
    @MethodSource("oddNextValues")
    void oddNextValuesRedirectHomeAndNeverOffSite(String next) {
        ResponseEntity<String> form = http.getForEntity("/staff/login?next=" + encode(next), String.class);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("name=\"next\" value=\"/\"");

        ResponseEntity<String> login = StaffLogin.post(http, "manager", PASSWORD, next);

        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        URI location = login.getHeaders().getLocation();
        assertThat(location.getHost()).isIn(null, "localhost");
        assertThat(location.getPath()).isEqualTo("/");
    }

    @Test
    void aLocalNextWithItsQueryIsKept() {
        ResponseEntity<String> login = StaffLogin.post(http, "manager", PASSWORD, "/staff/campaigns?vue=toutes");
        assertThat(login.getHeaders().getLocation().toString()).endsWith("/staff/campaigns?vue=toutes");
    }

    // ---------------------------------------------------------------- login throttling

    @Test
    void twentyWrongPasswordsOnTheStaffPageThrottleThatClientOnly() {
        ClientAddress attacker = newClient();
        List<Integer> statuses = Stream.generate(() -> staffLogin(attacker, "president", "wrong").status()).limit(20)
                .toList();

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 20)).containsOnly(429);
        Answer throttled = staffLogin(attacker, "president", PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).matches("\\d+");
        assertThat(throttled.body()).contains("Trop de tentatives de connexion ont échoué depuis votre poste.");

        assertThat(staffLogin(newClient(), "president", PASSWORD).status()).as("another client").isEqualTo(302);
    }

    @Test
    void twentyWrongPasswordsOnTheWebappLoginThrottleThatClientOnly() {
        ClientAddress attacker = newClient();
        List<Integer> statuses = Stream.generate(() -> webappLogin(attacker, "president", "wrong").status())
                .limit(20).toList();

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 20)).containsOnly(429);
        Answer throttled = webappLogin(attacker, "president", PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.body()).contains("Trop de tentatives de connexion");

        assertThat(webappLogin(newClient(), "president", PASSWORD).status()).as("another client").isEqualTo(200);
    }

    @Test
    void twentyWrongBasicCredentialsOnTheEngineRestThrottleThatClientOnly() {
        ClientAddress attacker = newClient();
        List<Integer> statuses = Stream.generate(() -> basic(attacker, "committee", "wrong").status()).limit(20)
                .toList();

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 20)).containsOnly(429);
        assertThat(basic(attacker, "committee", PASSWORD).status()).isEqualTo(429);

        assertThat(basic(newClient(), "committee", PASSWORD).status()).as("another client").isEqualTo(200);
    }

    @Test
    void oneClientTryingManyUsersIsThrottledAsAWhole() {
        ClientAddress attacker = newClient();
        for (int i = 0; i < 10; i++) {
            assertThat(basic(attacker, "user-" + i, "wrong").status()).isEqualTo(401);
        }
        assertThat(basic(attacker, "tech", PASSWORD).status()).isEqualTo(429);
    }

    // ---------------------------------------------------------------- helpers

    ClientAddress newClient() {
        return new ClientAddress("127.0.1." + NEXT_CLIENT.getAndIncrement(), port);
    }

    Answer staffLogin(ClientAddress client, String userId, String password) {
        Answer page = client.get("/staff/login", Map.of());
        String cookie = page.cookieHeader();
        String form = "username=" + userId + "&password=" + encode(password) + "&next=/&" + StaffLogin.TOKEN_FIELD
                + "=" + encode(StaffLogin.tokenIn(page.body()));
        return client.send("POST", "/staff/login", Map.of("Cookie", cookie,
                "Content-Type", "application/x-www-form-urlencoded"), form.getBytes(StandardCharsets.UTF_8));
    }

    Answer webappLogin(ClientAddress client, String userId, String password) {
        Answer page = client.get("/camunda/app/tasklist/default/", Map.of());
        String cookies = page.cookieHeader();
        String form = "username=" + userId + "&password=" + encode(password);
        return client.send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", Map.of("Cookie", cookies,
                "X-XSRF-TOKEN", page.header("X-XSRF-TOKEN"), "Content-Type", "application/x-www-form-urlencoded"),
                form.getBytes(StandardCharsets.UTF_8));
    }

    Answer basic(ClientAddress client, String userId, String password) {
        return client.get("/engine-rest/task/count", Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    ResponseEntity<String> asUser(String userId, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(userId, PASSWORD).exchange(URI.create("http://localhost:" + port + path), method,
                new HttpEntity<>(body, headers), String.class);
    }

    void assertProblem(ResponseEntity<String> response, HttpStatus status, String detail) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        try {
            JsonNode problem = json.readTree(response.getBody());
            assertThat(problem.path("detail").asText()).contains(detail);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    void assertRefused(ResponseEntity<String> refused) {
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).contains("Requête refusée", "Cette action n'a pas été faite");
        assertThat(campaigns.find(campaign.id()).orElseThrow().status()).isEqualTo(CampaignStatus.OPEN);
    }

    String submittedProcess() {
        String reference = intake.submit(campaign.id(), Applications.submission("Projet déplacé"), List.of())
                .reference();
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference).singleResult()
                .getId();
    }

    long instances(String key) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(key).count();
    }

    String latestDefinition(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().getId();
    }

    String closeNow() {
        return "/staff/campaigns/" + campaign.id() + "/close-now";
    }

    ResponseEntity<String> get(String path, String cookie) {
        HttpHeaders headers = new HttpHeaders();
        if (cookie != null) {
            headers.add(HttpHeaders.COOKIE, cookie);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    static HttpHeaders form(String cookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (cookie != null) {
            headers.add(HttpHeaders.COOKIE, cookie);
        }
        return headers;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
