package fr.bacasable.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.BacASableApp;
import fr.bacasable.application.ApplicationReviewVariables;
import fr.bacasable.application.Applications;
import fr.bacasable.badinput.BadRequests.Applicant;
import fr.bacasable.badinput.BadRequests.Fixtures;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.testsupport.EngineJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated bad input (jqwik) against every public endpoint of one running application on H2:
 * more than 10,000 requests with wrong types, missing and duplicate keys, huge and deeply nested
 * bodies, control characters and lone surrogates, invisible blank values, integers for booleans,
 * text after the JSON, invalid UTF-8, wrong content types, odd paths and headers and fake PDFs.
 * The API answers each with a 4xx RFC 7807 problem, the portal with a French page; never a 5xx,
 * never a hang, and nothing is stored. The counts per endpoint and the statuses are logged.
 */
class GeneratedBadInputTests {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedBadInputTests.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MINIMUM_REQUESTS = 10_000;
    /** Where no generated request, whatever its method, may succeed: each would change something. */
    private static final Set<String> CHANGING_ENDPOINTS = Set.of("submission API", "documents API", "answer API",
            "withdrawal API", "portal form", "portal answer");
    /** Tomcat reads request lines and headers up to 8 KiB. */
    private static final int MAX_READABLE_TARGET = 8_000;
    private static final Set<String> API_PATHS = Set.of("/api/campaigns", "/api/campaigns/{campaignId}/applications",
            "/api/applications/{reference}", "/api/applications/{reference}/documents",
            "/api/applications/{reference}/answer", "/api/applications/{reference}/withdrawal");

    private static ConfigurableApplicationContext context;
    private static RawHttp http;
    private static BadRequests requests;
    private static final ConcurrentMap<String, ConcurrentMap<Integer, AtomicLong>> STATUSES = new ConcurrentHashMap<>();
    private static Map<String, Object> storedBefore;

    @BeforeContainer
    static void startTheApplication() {
        context = new SpringApplicationBuilder(BacASableApp.class).profiles("test")
                .properties("server.port=0", "spring.datasource.url=jdbc:h2:mem:bacasable-bad-input;DB_CLOSE_DELAY=-1")
                .run();
        http = new RawHttp(((WebServerApplicationContext) context).getWebServer().getPort());
        String campaignId = context.getBean(CampaignService.class).listPublic().stream()
                .filter(campaign -> campaign.title().equals("IA au bénéfice des services publics"))
                .map(Campaign::id).findFirst().orElseThrow();
        Applicant submitted = submit(campaignId);
        Applicant awaiting = submit(campaignId);
        askForInformation(awaiting);
        requests = new BadRequests(new Fixtures(campaignId, submitted, awaiting));
    }

    @AfterContainer
    static void reportAndStop() {
        long total = STATUSES.values().stream().flatMap(byStatus -> byStatus.values().stream())
                .mapToLong(AtomicLong::get).sum();
        Map<Integer, Long> histogram = new TreeMap<>();
        StringBuilder report = new StringBuilder("Generated bad input: " + total + " requests\n");
        new TreeMap<>(STATUSES).forEach((endpoint, byStatus) -> {
            long count = byStatus.values().stream().mapToLong(AtomicLong::get).sum();
            report.append(String.format("  %-20s %6d requests, statuses %s%n", endpoint, count, new TreeMap<>(byStatus)));
            byStatus.forEach((status, n) -> histogram.merge(status, n.get(), Long::sum));
        });
        report.append("  status histogram: ").append(histogram);
        LOG.info(report.toString());
        context.close();
        assertThat(total).as("generated requests sent").isGreaterThanOrEqualTo(MINIMUM_REQUESTS);
        assertThat(histogram.keySet()).as("statuses").allMatch(status -> status < 500);
    }

    @BeforeProperty
    void rememberWhatIsStored() {
        storedBefore = stored();
    }

    @AfterProperty
    void nothingWasStored() {
        assertThat(stored()).as("rows and process instances after the bad requests").isEqualTo(storedBefore);
    }

    @Example
    void everyApiPathOfTheOpenApiDescriptionIsExercised() throws IOException {
        RawHttp.Response response = http.send("GET /v3/api-docs HTTP/1.1".getBytes(StandardCharsets.US_ASCII),
                new byte[0], false);
        Set<String> described = new TreeSet<>();
        JSON.readTree(response.body()).path("paths").fieldNames().forEachRemaining(described::add);
        assertThat(described).isEqualTo(new TreeSet<>(API_PATHS));
    }

    @Example
    void characterTomcatRefusesInAnApiAddressGetsAProblem() {
        RawHttp.Response response = http.send(head("GET /api/applications/a|b HTTP/1.1"), new byte[0], false);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text()).contains("\"title\":\"Requête mal formée\"", "\"status\":400");
    }

    @Example
    void headerTomcatRefusesOnAPortalPageGetsAFrenchPage() {
        RawHttp.Response response = http.send(head("GET /campagnes HTTP/1.1\r\nEn-tête sans deux-points"),
                new byte[0], false);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.text()).contains("<html lang=\"fr\">", "<h1>Requête mal formée</h1>");
    }

    @Example
    void pathParameterThatCannotBeDecodedGetsA400NotAnError() {
        RawHttp.Response page = http.send(head("GET /suivi/;%Ek HTTP/1.1"), new byte[0], false);
        RawHttp.Response api = http.send(head("GET /api/applications/BAS-2000-0001;%Ek HTTP/1.1"), new byte[0], false);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains("<html lang=\"fr\">", "<h1>Requête mal formée</h1>");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Example
    void traceIsRefusedWithAProblemUnderTheApi() {
        RawHttp.Response response = http.send(head("TRACE /api/campaigns HTTP/1.1"), new byte[0], false);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Allow")).isPresent();
        assertThat(response.text()).contains("\"title\":\"Méthode non prise en charge\"");
    }

    @Example
    void unreadableAcceptHeaderDoesNotLoseTheProblem() {
        RawHttp.Response response = http.send(head("GET /api/applications/BAS-2000-0001 HTTP/1.1\r\n"
                + "Accept: garbage/\r\nAuthorization: Bearer faux"), new byte[0], false);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text()).contains("\"title\":\"Candidature introuvable\"");
    }

    @Property(tries = 600)
    void campaignsApi(@ForAll("campaignsApiRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 2300)
    void submissionApi(@ForAll("submissionApiRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 500)
    void trackingApi(@ForAll("trackingApiRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 1000)
    void documentsApi(@ForAll("documentsApiRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 1000)
    void answerApi(@ForAll("answerApiRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 500)
    void withdrawalApi(@ForAll("withdrawalApiRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 500)
    void portalPages(@ForAll("portalPageRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 1700)
    void portalApplicationForm(@ForAll("portalFormRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 500)
    void portalTracking(@ForAll("portalTrackingRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 800)
    void portalAnswer(@ForAll("portalAnswerRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 400)
    void portalWithdrawal(@ForAll("portalWithdrawalRequests") BadRequest request) {
        check(request);
    }

    @Property(tries = 800)
    void oddPaths(@ForAll("oddPathRequests") BadRequest request) {
        check(request);
    }

    @Provide
    Arbitrary<BadRequest> campaignsApiRequests() {
        return requests.campaignsApi();
    }

    @Provide
    Arbitrary<BadRequest> submissionApiRequests() {
        return requests.submitApi();
    }

    @Provide
    Arbitrary<BadRequest> trackingApiRequests() {
        return requests.trackApi();
    }

    @Provide
    Arbitrary<BadRequest> documentsApiRequests() {
        return requests.documentsApi();
    }

    @Provide
    Arbitrary<BadRequest> answerApiRequests() {
        return requests.answerApi();
    }

    @Provide
    Arbitrary<BadRequest> withdrawalApiRequests() {
        return requests.withdrawalApi();
    }

    @Provide
    Arbitrary<BadRequest> portalPageRequests() {
        return requests.portalPages();
    }

    @Provide
    Arbitrary<BadRequest> portalFormRequests() {
        return requests.portalSubmission();
    }

    @Provide
    Arbitrary<BadRequest> portalTrackingRequests() {
        return requests.portalTracking();
    }

    @Provide
    Arbitrary<BadRequest> portalAnswerRequests() {
        return requests.portalAnswer();
    }

    @Provide
    Arbitrary<BadRequest> portalWithdrawalRequests() {
        return requests.portalWithdrawal();
    }

    @Provide
    Arbitrary<BadRequest> oddPathRequests() {
        return requests.oddPaths();
    }

    /**
     * Sends the request and checks the answer: no 5xx (a hang fails in {@link RawHttp}); a refusal
     * from the API is an RFC 7807 problem whose status is the answer's; one from the portal a French
     * page; a request that would change something is never accepted.
     */
    private static void check(BadRequest request) {
        RawHttp.Response response = http.send(request.head(), request.body(), request.contentLength());
        STATUSES.computeIfAbsent(request.endpoint(), endpoint -> new ConcurrentHashMap<>())
                .computeIfAbsent(response.status(), status -> new AtomicLong()).incrementAndGet();
        String seen = response.status() + " " + response.contentType() + " " + excerpt(response.text());
        assertThat(response.status()).as("%s answered %s", request, seen).isLessThan(500);
        if (!request.method().equals("GET") || CHANGING_ENDPOINTS.contains(request.endpoint())) {
            assertThat(response.status()).as("%s answered %s", request, seen).isGreaterThanOrEqualTo(400);
        }
        if (response.status() < 400 || request.method().equals("HEAD")) {
            return;
        }
        if (request.api() || !readableTarget(request.target())) {
            assertThat(response.contentType()).as("%s answered %s", request, seen).startsWith("application/problem+json");
            JsonNode problem = readJson(response, request);
            assertThat(problem.path("status").asInt()).as("%s answered %s", request, seen).isEqualTo(response.status());
            assertThat(problem.path("title").asText()).as("%s answered %s", request, seen).isNotBlank();
            assertThat(problem.path("detail").asText()).as("%s answered %s", request, seen).isNotBlank();
        } else {
            assertThat(response.contentType()).as("%s answered %s", request, seen).startsWith("text/html");
            assertThat(response.text()).as("%s answered %s", request, seen).contains("lang=\"fr\"")
                    .doesNotContain("Whitelabel", "HTTP Status", "Exception");
        }
    }

    /**
     * Whether the web server can read the address at all: one with a character that may not stand
     * in a request line (in the query, not even brackets) is refused before its path is known, so
     * with a problem even off the API.
     */
    private static boolean readableTarget(String target) {
        int query = target.indexOf('?');
        return target.length() < MAX_READABLE_TARGET && allowed(query < 0 ? target : target.substring(0, query), "")
                && (query < 0 || allowed(target.substring(query + 1), "[]"));
    }

    private static boolean allowed(String part, String alsoRefused) {
        String refused = "\"#<>\\^`{|}" + alsoRefused;
        return part.chars().allMatch(c -> c > 0x20 && c < 0x7F && refused.indexOf(c) < 0);
    }

    private static JsonNode readJson(RawHttp.Response response, BadRequest request) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(request + " answered a problem that is not JSON: " + response.text(), e);
        }
    }

    private static byte[] head(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String excerpt(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    /** Our tables' row counts, every application's status and the engine's process instances and tasks. */
    private static Map<String, Object> stored() {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Map<String, Object> stored = new TreeMap<>();
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = "
                + "'public' AND LOWER(table_name) NOT LIKE 'act\\_%' AND LOWER(table_name) <> 'flyway_schema_history'")
                .query(String.class).list();
        tables.forEach(table -> stored.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()));
        stored.put("application statuses", jdbc.sql("SELECT reference, status, updated_at FROM application ORDER BY id")
                .query().listOfRows().toString());
        stored.put("process instances", context.getBean(RuntimeService.class).createProcessInstanceQuery().count());
        stored.put("historic process instances",
                context.getBean(HistoryService.class).createHistoricProcessInstanceQuery().count());
        stored.put("tasks", context.getBean(TaskService.class).createTaskQuery().count());
        return stored;
    }

    private static Applicant submit(String campaignId) {
        byte[] body = Applications.validBody().toString().getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = http.send(("POST /api/campaigns/" + campaignId + "/applications HTTP/1.1\r\n"
                + "Content-Type: application/json").getBytes(StandardCharsets.UTF_8), body, true);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        JsonNode receipt = readJson(response, null);
        Applicant applicant = new Applicant(receipt.path("reference").asText(), receipt.path("trackingToken").asText());
        RawHttp.Response opened = http.send(("GET /api/applications/" + applicant.reference() + " HTTP/1.1\r\n"
                + "Authorization: Bearer " + applicant.token()).getBytes(StandardCharsets.UTF_8), new byte[0], false);
        assertThat(opened.status()).as("the applicant opens the tracking link, which confirms the address: %s",
                opened.text()).isEqualTo(200);
        return applicant;
    }

    /** The programme manager asks the applicant for more information, as in Tasklist. */
    private static void askForInformation(Applicant applicant) {
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TaskService tasks = context.getBean(TaskService.class);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(applicant.reference())
                .singleResult().getId();
        runJobs(instance);
        String task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_CheckCompleteness")
                .singleResult().getId();
        tasks.complete(task, Map.of(ApplicationReviewVariables.COMPLETENESS,
                ApplicationReviewVariables.COMPLETENESS_INCOMPLETE,
                ApplicationReviewVariables.INFORMATION_REQUEST_TEXT, "Joignez l'analyse d'impact (AIPD)."));
        runJobs(instance);
    }

    private static void runJobs(String processInstanceId) {
        EngineJobs.runDue(context.getBean(ManagementService.class), processInstanceId);
    }
}
