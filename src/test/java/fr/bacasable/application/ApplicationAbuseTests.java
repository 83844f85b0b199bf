package fr.bacasable.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bacasable.ClientAddress;
import fr.bacasable.ClientAddress.Answer;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The applicant routes against abuse, with small limits: documents capped per application,
 * submissions limited per client address and per contact address, idempotency keys scoped to their
 * client, their responses never stored in clear and expired. Each test plays its own clients
 * (distinct loopback addresses) so that the limits of one test never touch another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bas.documents.max-per-application=4",
        "bas.documents.max-total-per-application=1MB",
        "bas.limits.submissions-per-client=3",
        "bas.limits.submissions-per-recipient=2",
        "bas.idempotency.purge-interval=1s"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApplicationAbuseTests {

    private static final AtomicInteger NEXT_CLIENT = new AtomicInteger(2);

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignService campaigns;

    final ObjectMapper json = new ObjectMapper();
    String campaignId;

    @BeforeEach
    void demoCampaign() {
        campaignId = campaigns.listPublic().stream().filter(Campaign::acceptsApplications).map(Campaign::id)
                .findFirst().orElseThrow();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- documents per application

    @Test
    void documentBeyondTheCountCapOfTheApplicationIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        Receipt receipt = submit(newClient(), uniqueBody(), null);
        for (int i = 1; i <= 4; i++) {
            assertThat(upload(receipt, "piece-" + i + ".pdf", Applications.PDF).getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }

        ResponseEntity<String> refused = upload(receipt, "piece-5.pdf", Applications.PDF);

        assertFileRefused(refused, "Une candidature ne peut compter plus de 4 documents (elle en a déjà 4).");
        assertThat(documentsOf(receipt.reference())).isEqualTo(4);
    }

    @Test
    void documentsBeyondTheTotalSizeOfTheApplicationAreRefusedAndNothingIsStored() throws Exception {
        Receipt receipt = submit(newClient(), uniqueBody(), null);
        assertThat(upload(receipt, "annexe-1.pdf", Applications.pdfOfSize(600 * 1024)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> refused = upload(receipt, "annexe-2.pdf", Applications.pdfOfSize(600 * 1024));

        assertFileRefused(refused, "Les documents d'une candidature ne peuvent dépasser 1 Mo en tout.");
        assertThat(documentsOf(receipt.reference())).isEqualTo(1);
    }

    @Test
    void portalFormWithMoreDocumentsThanTheCapShowsAFrenchMessageAndStoresNothing() {
        long applications = count("application");
        PortalTests.Multipart form = PortalTests.validForm().set("contactEmail", uniqueEmail());
        for (int i = 1; i <= 5; i++) {
            form.file("documents", "piece-" + i + ".pdf", Applications.PDF);
        }

        Answer page = newClient().send("POST", "/campagnes/" + campaignId + "/candidature",
                Map.of("Content-Type", form.contentType()), form.bytes());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Une candidature ne peut compter plus de 4 documents (elle en a déjà 0).");
        assertThat(count("application")).isEqualTo(applications);
    }

    // ---------------------------------------------------------------- submissions per client and per recipient

    @Test
    void submissionsOverTheClientLimitGetA429ProblemWithRetryAfterAndCreateNothing() throws Exception {
        ClientAddress client = newClient();
        for (int i = 0; i < 3; i++) {
            assertThat(submit(client, uniqueBody(), null).reference()).isNotBlank();
        }
        long applications = count("application");
        long mails = count("outbox_message");

        Answer refused = client.postJson(applicationsPath(), Map.of(), uniqueBody().toString());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(json.readTree(refused.body()).path("detail").asText())
                .startsWith("Trop de candidatures ont été déposées depuis votre connexion. Réessayez dans ");
        assertThat(count("application")).isEqualTo(applications);
        assertThat(count("outbox_message")).isEqualTo(mails);

        assertThat(submit(newClient(), uniqueBody(), null).reference()).as("another client").isNotBlank();
    }

    @Test
    void portalSubmissionsOverTheClientLimitGetAFrenchPageWithRetryAfter() {
        ClientAddress client = newClient();
        for (int i = 0; i < 3; i++) {
            assertThat(postForm(client).status()).isEqualTo(303);
        }
        long applications = count("application");

        Answer refused = postForm(client);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("\\d+");
        assertThat(refused.body()).contains("Trop de candidatures ont été déposées depuis votre connexion.");
        assertThat(count("application")).isEqualTo(applications);
    }

    @Test
    void submissionsToTheSameContactAddressAreLimitedWhateverTheClient() throws Exception {
        String email = uniqueEmail();
        ObjectNode body = uniqueBody().put("contactEmail", email);
        submit(newClient(), body, null);
        submit(newClient(), body.put("contactEmail", email.toUpperCase()), null);
        long mails = count("outbox_message");

        Answer refused = newClient().postJson(applicationsPath(), Map.of(), body.toString());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("\\d+");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("contactEmail");
        assertThat(count("outbox_message")).as("no receipt sent").isEqualTo(mails);
    }

    @Test
    void invalidSubmissionsDoNotUseUpTheClientLimit() throws Exception {
        ClientAddress client = newClient();
        for (int i = 0; i < 5; i++) {
            assertThat(client.postJson(applicationsPath(), Map.of(), "{}").status()).isEqualTo(400);
        }
        assertThat(submit(client, uniqueBody(), null).reference()).isNotBlank();
    }

    // ---------------------------------------------------------------- idempotency keys

    @Test
    void replayFromTheSameClientGetsTheFirstAnswerAndNothingIsStoredInClear() throws Exception {
        ClientAddress client = newClient();
        ObjectNode body = uniqueBody();
        String key = UUID.randomUUID().toString();

        Receipt first = submit(client, body, key);
        Receipt replay = submit(client, body, key);

        assertThat(replay).isEqualTo(first);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM application WHERE reference = :reference")
                .param("reference", first.reference()).query(Long.class).single()).isEqualTo(1);
        List<Map<String, Object>> records = jdbc.sql("SELECT * FROM idempotency_record").query().listOfRows();
        assertThat(records).isNotEmpty().flatExtracting(Map::values).map(String::valueOf)
                .noneMatch(value -> value.contains(first.token()) || value.contains(key));
    }

    @Test
    void anotherClientReplayingSomeonesKeyNeverGetsTheirToken() throws Exception {
        ObjectNode body = uniqueBody();
        String key = UUID.randomUUID().toString();
        Receipt victim = submit(newClient(), body, key);

        Answer other = newClient().postJson(applicationsPath(), Map.of("Idempotency-Key", key), body.toString());

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.body()).doesNotContain(victim.token()).doesNotContain(victim.reference());
    }

    @Test
    void recordsArePurgedAfterTheirRetentionThenTheKeyStartsAfresh() throws Exception {
        ClientAddress client = newClient();
        ObjectNode body = uniqueBody();
        String key = UUID.randomUUID().toString();
        Receipt first = submit(client, body, key);
        assertThat(count("idempotency_record")).isPositive();

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(25))));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("idempotency_record") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(count("idempotency_record")).as("records left after the purge").isZero();
        Receipt afterRetention = submit(client, body, key);
        assertThat(afterRetention.reference()).as("a new application: the first answer is gone")
                .isNotEqualTo(first.reference());
    }

    // ---------------------------------------------------------------- helpers

    record Receipt(String reference, String token) {
    }

    ClientAddress newClient() {
        return new ClientAddress("127.0.0." + NEXT_CLIENT.getAndIncrement(), port);
    }

    String applicationsPath() {
        return "/api/campaigns/" + campaignId + "/applications";
    }

    Receipt submit(ClientAddress client, ObjectNode body, String idempotencyKey) throws Exception {
        Answer answer = client.postJson(applicationsPath(),
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey), body.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode receipt = json.readTree(answer.body());
        return new Receipt(receipt.path("reference").asText(), receipt.path("trackingToken").asText());
    }

    Answer postForm(ClientAddress client) {
        PortalTests.Multipart form = PortalTests.validForm().set("contactEmail", uniqueEmail());
        return client.send("POST", "/campagnes/" + campaignId + "/candidature",
                Map.of("Content-Type", form.contentType()), form.bytes());
    }

    static String uniqueEmail() {
        return "contact-" + UUID.randomUUID() + "@example.org";
    }

    static ObjectNode uniqueBody() {
        return Applications.validBody().put("contactEmail", uniqueEmail());
    }

    ResponseEntity<String> upload(Receipt receipt, String fileName, byte[] content) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        HttpHeaders fileHeaders = new HttpHeaders();
        fileHeaders.setContentType(MediaType.APPLICATION_PDF);
        form.add("file", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, fileHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(receipt.token());
        return http.exchange("/api/applications/" + receipt.reference() + "/documents", HttpMethod.POST,
                new HttpEntity<>(form, headers), String.class);
    }

    /** A 400 problem naming the field {@code file} with {@code message}. */
    void assertFileRefused(ResponseEntity<String> response, String message) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        JsonNode error = json.readTree(response.getBody()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("file");
        assertThat(error.path("message").asText()).isEqualTo(message);
    }

    long documentsOf(String reference) {
        return jdbc.sql("SELECT COUNT(*) FROM document d JOIN application a ON a.id = d.application_id "
                + "WHERE a.reference = :reference").param("reference", reference).query(Long.class).single();
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
