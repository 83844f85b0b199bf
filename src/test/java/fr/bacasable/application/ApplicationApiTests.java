package fr.bacasable.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.notification.OutboxMessage;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.shared.ProgrammeTime;
import fr.bacasable.testsupport.EngineJobs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
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
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The applicants' JSON API over HTTP: submission to the completeness task, tracking with the
 * bearer token, documents, answer, withdrawal, idempotency, and every bad input refused with a French
 * RFC 7807 problem that names the bad fields, never a 500, and leaves nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApplicationApiTests {

    static final String DEMO_CAMPAIGN = "IA au bénéfice des services publics";
    static final String PROCESS_KEY = ApplicationReviewVariables.PROCESS_KEY;
    static final String COMPLETENESS_TASK = "Task_CheckCompleteness";
    static final int TEN_MB = 10 * 1024 * 1024;

    static final List<String> EVERY_REQUIRED_FIELD = List.of("applicantType", "organisationName", "siret",
            "contactName", "contactEmail", "contactPhone", "projectTitle", "projectSummary", "publicServiceDomain",
            "projectStage", "usesAi", "processesPersonalData", "dpia", "aiAct", "legalQuestions", "consent");

    @Autowired
    TestRestTemplate http;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CampaignService campaigns;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    NotificationService notifications;

    final ObjectMapper json = new ObjectMapper();
    /** Every status this test received: none may be a server error. */
    final List<HttpStatusCode> statuses = Collections.synchronizedList(new ArrayList<>());
    String campaignId;

    @BeforeEach
    void demoCampaign() {
        campaignId = campaigns.listPublic().stream().filter(campaign -> campaign.title().equals(DEMO_CAMPAIGN))
                .map(Campaign::id).findFirst().orElseThrow();
    }

    @AfterEach
    void neverAServerError() {
        ClockUtil.reset();
        assertThat(statuses).as("statuses of this test's requests").noneMatch(HttpStatusCode::is5xxServerError);
    }

    // ---------------------------------------------------------------- happy path

    @Test
    void submissionReachesTheCompletenessTaskAndTheTokenIsNeverStoredInClear() {
        ResponseEntity<String> response = submit(Applications.validBody(), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        JsonNode receipt = read(response);
        String reference = receipt.path("reference").asText();
        String token = receipt.path("trackingToken").asText();
        String trackingUrl = receipt.path("trackingUrl").asText();
        assertThat(reference).matches("BAS-\\d{4}-\\d{4}");
        assertThat(token).isNotBlank().hasSizeGreaterThanOrEqualTo(32);
        assertThat(trackingUrl).endsWith("/suivi/" + reference + "/" + token);
        assertThat(receipt.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(response.getHeaders().getLocation()).isNotNull();
        assertThat(response.getHeaders().getLocation().getPath()).isEqualTo("/api/applications/" + reference);

        ResponseEntity<String> tracked = get(reference, token);
        assertThat(tracked.getStatusCode()).as(tracked.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode view = read(tracked);
        assertThat(view.path("reference").asText()).isEqualTo(reference);
        assertThat(view.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(view.path("statusLabel").asText()).isEqualTo("Déposée, en cours de vérification");
        assertThat(view.path("campaignTitle").asText()).isEqualTo(DEMO_CAMPAIGN);
        assertThat(view.path("projectTitle").asText()).isEqualTo("Assistant IA pour l'état civil");
        assertThat(view.path("withdrawable").asBoolean()).isTrue();

        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(reference).singleResult();
        assertThat(instance).as("the review process of %s", reference).isNotNull();
        executeJobs(instance.getId());

        Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                .taskDefinitionKey(COMPLETENESS_TASK).singleResult();
        assertThat(task).as("the completeness task of %s", reference).isNotNull();
        assertThat(task.getProcessInstanceId()).isEqualTo(instance.getId());
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .filteredOn(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .extracting(IdentityLink::getGroupId).containsExactly(StaffGroups.PROGRAMME_MANAGERS);
        assertThat(StaffGroups.PROGRAMME_MANAGERS).isEqualTo("programme-managers");
        assertThat(get(reference, token).getStatusCode()).isEqualTo(HttpStatus.OK);

        String applicationId = jdbc.sql("SELECT id FROM application WHERE reference = :reference")
                .param("reference", reference).query(String.class).single();
        List<OutboxMessage> messages = notifications.messagesOf(applicationId);
        assertThat(messages).extracting(OutboxMessage::template).containsExactly(NotificationTemplate.RECEIPT);
        OutboxMessage receiptMail = messages.get(0);
        assertThat(receiptMail.recipient()).isEqualTo("alice.martin@example.org");
        assertThat(receiptMail.subject()).contains(reference);
        assertThat(receiptMail.body()).contains(reference, "Assistant IA pour l'état civil", DEMO_CAMPAIGN)
                .doesNotContain(token);
        assertThat(jdbc.sql("SELECT private_link FROM outbox_message WHERE id = :id")
                .param("id", receiptMail.id()).query(String.class).single())
                .as("the tracking link the receipt e-mail carries").isEqualTo(trackingUrl);

        String tokenHash = jdbc.sql("SELECT tracking_token_hash FROM application WHERE reference = :reference")
                .param("reference", reference).query(String.class).single();
        assertThat(tokenHash).isNotEqualTo(token).isEqualTo(sha256(token));
        assertThat(jdbc.sql("SELECT * FROM application WHERE id = :id").param("id", applicationId)
                .query().singleRow().values()).as("the application row").noneMatch(value -> contains(value, token));
        assertThat(jdbc.sql("SELECT * FROM application_event WHERE application_id = :id").param("id", applicationId)
                .query().listOfRows()).flatExtracting(Map::values).noneMatch(value -> contains(value, token));
        assertThat(runtimeService.getVariablesTyped(instance.getId(), false).values())
                .as("variables of the process instance").noneMatch(value -> contains(value, token));
        List<HistoricVariableInstance> history = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).disableCustomObjectDeserialization().list();
        assertThat(history).as("historic variables").isNotEmpty()
                .noneMatch(variable -> contains(variable.getTypedValue(), token));
        List<HistoricDetail> updates = historyService.createHistoricDetailQuery().processInstanceId(instance.getId())
                .variableUpdates().disableCustomObjectDeserialization().list();
        assertThat(updates).as("historic variable updates").isNotEmpty()
                .noneMatch(detail -> contains(((HistoricVariableUpdate) detail).getTypedValue(), token));
    }

    @Test
    void openApiDescriptionIsServed() {
        ResponseEntity<String> response = exchange("/v3/api-docs", HttpMethod.GET, new HttpEntity<>(new HttpHeaders()));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode paths = read(response).path("paths");
        assertThat(paths.has("/api/campaigns/{campaignId}/applications")).as("%s", paths).isTrue();
        assertThat(paths.has("/api/applications/{reference}")).isTrue();
        assertThat(paths.has("/api/applications/{reference}/documents")).isTrue();
        assertThat(paths.has("/api/applications/{reference}/answer")).isTrue();
        assertThat(paths.has("/api/applications/{reference}/withdrawal")).isTrue();
    }

    // ---------------------------------------------------------------- invalid submissions

    @Test
    void emptyJsonNamesEveryMissingFieldAndStoresNothing() {
        Stored before = stored();

        ResponseEntity<String> response = submitRaw("{}", MediaType.APPLICATION_JSON, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(problem.path("detail").asText()).isEqualTo("Certains champs sont absents ou invalides.");
        assertThat(fields(problem)).containsExactlyInAnyOrderElementsOf(EVERY_REQUIRED_FIELD);
        assertThat(message(problem, "siret")).isEqualTo("Indiquez le numéro SIRET de l'organisme.");
        assertThat(message(problem, "consent")).startsWith("Vous devez accepter");
        assertThat(stored()).isEqualTo(before);
    }

    static Stream<Arguments> invalidSubmissions() {
        return Stream.of(
                invalid("SIRET whose Luhn key is wrong", body -> body.put("siret", "21690123100012"), "siret",
                        "Le numéro SIRET doit comporter 14 chiffres et être valide (clé de contrôle)."),
                invalid("SIRET of 13 digits", body -> body.put("siret", "2169012310001"), "siret",
                        "Le numéro SIRET doit comporter 14 chiffres et être valide (clé de contrôle)."),
                invalid("e-mail without a domain", body -> body.put("contactEmail", "alice.martin@"), "contactEmail",
                        "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr)."),
                invalid("e-mail with a space", body -> body.put("contactEmail", "alice martin@example.org"),
                        "contactEmail", "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr)."),
                invalid("phone too short", body -> body.put("contactPhone", "12 34"), "contactPhone",
                        "Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89)."),
                invalid("phone with letters", body -> body.put("contactPhone", "04 72 AB CD EF"), "contactPhone",
                        "Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89)."),
                invalid("unknown applicant type", body -> body.put("applicantType", "ALIEN"), "applicantType",
                        "La valeur « ALIEN » n'est pas une réponse possible."),
                invalid("unknown AI technique", body -> body.putArray("aiTechniques").add("TELEPATHY"),
                        "aiTechniques", "La valeur « TELEPATHY » n'est pas une réponse possible."),
                invalid("unknown prohibited practice",
                        body -> ((ObjectNode) body.get("aiAct")).put("prohibitedPractice", "MAYBE"),
                        "aiAct.prohibitedPractice", "La valeur « MAYBE » n'est pas une réponse possible."),
                invalid("DPIA answer missing", body -> ((ObjectNode) body.get("dpia")).remove("sensitiveData"),
                        "dpia.sensitiveData", "Répondez par oui ou non à la question « "
                                + DpiaCriterion.SENSITIVE_DATA.question() + " »"),
                invalid("DPIA answer null", body -> ((ObjectNode) body.get("dpia")).putNull("largeScale"),
                        "dpia.largeScale", "Répondez par oui ou non à la question « "
                                + DpiaCriterion.LARGE_SCALE.question() + " »"),
                invalid("AI Act answer missing", body -> ((ObjectNode) body.get("aiAct")).remove("deployerIsPublicBody"),
                        "aiAct.deployerIsPublicBody", "Répondez par oui ou non à la question « "
                                + AiActQuestion.DEPLOYER_IS_PUBLIC_BODY.question() + " »"),
                invalid("consent refused", body -> body.put("consent", false), "consent",
                        "Vous devez accepter la notice d'information sur vos données pour déposer votre candidature."),
                invalid("AI used but no technique", body -> body.putArray("aiTechniques"), "aiTechniques",
                        "Cochez au moins une technique d'intelligence artificielle utilisée."),
                invalid("project title over 200 characters", body -> body.put("projectTitle", "T".repeat(201)),
                        "projectTitle", "Ce champ ne doit pas dépasser 200 caractères."),
                invalid("blank organisation name", body -> body.put("organisationName", "   "), "organisationName",
                        "Indiquez le nom de l'organisme."),
                invalid("organisation name of non-breaking spaces", body -> body.put("organisationName",
                        "\u00a0\u202f\u00a0"), "organisationName", "Indiquez le nom de l'organisme."),
                invalid("title of zero-width characters", body -> body.put("projectTitle", "\u200b\u200d\ufeff\u2060"),
                        "projectTitle", "Indiquez le titre du projet."),
                invalid("e-mail the mailer refuses: two dots in the domain",
                        body -> body.put("contactEmail", "alice.martin@example..org"), "contactEmail",
                        "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr)."),
                invalid("e-mail the mailer refuses: two dots in a row",
                        body -> body.put("contactEmail", "alice..martin@example.org"), "contactEmail",
                        "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr)."),
                invalid("e-mail with a display name", body -> body.put("contactEmail",
                        "Alice <alice.martin@example.org>"), "contactEmail",
                        "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr)."),
                invalid("e-mail with an accent before the @", body -> body.put("contactEmail", "aliçe@example.org"),
                        "contactEmail", "L'adresse électronique n'est pas valide (exemple : nom@organisme.fr)."),
                invalid("phone without digits", body -> body.put("contactPhone", "+ (  ) - . . - ."), "contactPhone",
                        "Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89)."),
                invalid("phone ending with a vertical tab", body -> body.put("contactPhone", "04 72 10 30 30\u000B"),
                        "contactPhone", "Ce champ contient des caractères non autorisés."),
                invalid("e-mail starting with a vertical tab", body -> body.put("contactEmail",
                        "\u000Balice.martin@example.org"), "contactEmail", "Ce champ contient des caractères non autorisés."),
                invalid("more AI techniques than there are", body -> {
                    var list = body.putArray("aiTechniques");
                    for (int i = 0; i <= AiTechnique.values().length; i++) {
                        list.add(AiTechnique.values()[i % AiTechnique.values().length].name());
                    }
                }, "aiTechniques", "Cochez au plus " + AiTechnique.values().length + " valeurs."),
                invalid("an AI technique twice", body -> body.putArray("aiTechniques").add("GENERATIVE").add("GENERATIVE"),
                        "aiTechniques", "La valeur « GENERATIVE » est cochée plusieurs fois."));
    }

    private static Arguments invalid(String description, Consumer<ObjectNode> change, String field, String message) {
        return Arguments.of(description, change, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSubmissions")
    void invalidFieldIsNamedInAFrenchProblemAndNothingIsStored(String description, Consumer<ObjectNode> change,
            String field, String expectedMessage) {
        ObjectNode body = Applications.validBody();
        change.accept(body);
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(problem.path("detail").asText()).isEqualTo("Certains champs sont absents ou invalides.");
        assertThat(fields(problem)).containsExactly(field);
        assertThat(message(problem, field)).isEqualTo(expectedMessage);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void truncatedJsonIsA400ProblemAndStoresNothing() {
        String json = Applications.validBody().toString();
        Stored before = stored();

        ResponseEntity<String> response = submitRaw(json.substring(0, json.length() / 2), MediaType.APPLICATION_JSON,
                null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(problem.path("detail").asText())
                .isEqualTo("Le corps de la requête n'est pas un JSON valide pour cette opération.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void emptyBodyIsA400ProblemAndStoresNothing() {
        Stored before = stored();

        ResponseEntity<String> response = submitRaw("", MediaType.APPLICATION_JSON, null);

        assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void wrongJsonTypeNamesTheFieldAndStoresNothing() {
        ObjectNode body = Applications.validBody();
        body.put("usesAi", "maybe");
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(fields(problem)).containsExactly("usesAi");
        assertThat(message(problem, "usesAi")).endsWith("n'a pas le type attendu.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void wrongJsonTypeInANestedObjectNamesItsPath() {
        ObjectNode body = Applications.validBody();
        ((ObjectNode) body.get("dpia")).put("sensitiveData", "perhaps");
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(fields(problem)).containsExactly("dpia.sensitiveData");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void keyGivenTwiceIsA400ProblemAndStoresNothing() {
        String json = Applications.validBody().toString();
        Stored before = stored();

        ResponseEntity<String> response = submitRaw("{\"consent\":false," + json.substring(1),
                MediaType.APPLICATION_JSON, null);

        assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void integerWhereAYesNoGoesIsNotTakenForYes() {
        ObjectNode body = Applications.validBody();
        body.put("consent", -1);
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(fields(problem)).containsExactly("consent");
        assertThat(message(problem, "consent")).endsWith("n'a pas le type attendu.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void numberWhereATextGoesIsNotTakenForText() {
        ObjectNode body = Applications.validBody();
        body.put("siret", 21690123100011L);
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(fields(problem)).containsExactly("siret");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void textAfterTheJsonIsA400ProblemAndStoresNothing() {
        Stored before = stored();

        ResponseEntity<String> response = submitRaw(Applications.validBody() + " {}", MediaType.APPLICATION_JSON,
                null);

        assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void loneSurrogateInATextIsNamedAndStoresNothing() {
        String json = Applications.validBody().toString().replace("Assistant IA", "Assistant \\ud800 IA");
        Stored before = stored();

        ResponseEntity<String> response = submitRaw(json, MediaType.APPLICATION_JSON, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(fields(problem)).containsExactly("projectTitle");
        assertThat(message(problem, "projectTitle")).isEqualTo("Ce champ contient des caractères non autorisés.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void invalidUtf8IsA400ProblemEvenWhenJacksonWouldDecodeIt() {
        byte[] json = Applications.validBody().toString().replace("Assistant IA", "Assistant IA \u0000")
                .getBytes(StandardCharsets.UTF_8);
        int nul = indexOf(json, (byte) 0);
        byte[] overlongSlash = new byte[json.length + 1];
        System.arraycopy(json, 0, overlongSlash, 0, nul);
        overlongSlash[nul] = (byte) 0xC0;
        overlongSlash[nul + 1] = (byte) 0xAF;
        System.arraycopy(json, nul + 1, overlongSlash, nul + 2, json.length - nul - 1);
        Stored before = stored();

        ResponseEntity<String> response = exchange("/api/campaigns/" + campaignId + "/applications", HttpMethod.POST,
                new HttpEntity<>(overlongSlash, headers(h -> h.setContentType(MediaType.APPLICATION_JSON))));

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(problem.path("detail").asText()).contains("UTF-8");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void bodyOverTheLimitIsA413ProblemAndStoresNothing() {
        ObjectNode body = Applications.validBody();
        body.put("legalQuestions", "a".repeat(200_000));
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "Requête trop volumineuse");
        assertThat(problem.path("detail").asText()).isEqualTo("Le corps de la requête ne doit pas dépasser 128 Kio.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void unknownApiAddressIsA404Problem() {
        ResponseEntity<String> response = exchange("/api/nothing-here", HttpMethod.GET,
                new HttpEntity<>(headers(h -> h.setAccept(List.of(MediaType.TEXT_HTML)))));

        JsonNode problem = assertProblem(response, HttpStatus.NOT_FOUND, "Adresse inconnue");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/nothing-here");
    }

    @Test
    void jsonArrayInsteadOfAnObjectIsA400Problem() {
        Stored before = stored();

        ResponseEntity<String> response = submitRaw("[1, 2, 3]", MediaType.APPLICATION_JSON, null);

        assertProblem(response, HttpStatus.BAD_REQUEST, "Requête illisible");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void textPlainIsA415ProblemAndStoresNothing() {
        Stored before = stored();

        ResponseEntity<String> response = submitRaw(Applications.validBody().toString(), MediaType.TEXT_PLAIN, null);

        JsonNode problem = assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non pris en charge");
        assertThat(problem.path("detail").asText())
                .isEqualTo("Envoyez du JSON (application/json), ou un formulaire multipart pour les documents.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void controlCharacterInATextFieldIsNamedAndStoresNothing() {
        ObjectNode body = Applications.validBody();
        body.put("organisationName", "Ville\u0000de Lyon");
        Stored before = stored();

        ResponseEntity<String> response = submit(body, null);

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, null);
        assertThat(fields(problem)).containsExactly("organisationName");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void wrongHttpMethodIsAProblem() {
        ResponseEntity<String> response = exchange("/api/campaigns/" + campaignId + "/applications", HttpMethod.GET,
                new HttpEntity<>(headers(h -> { })));

        assertProblem(response, HttpStatus.METHOD_NOT_ALLOWED, null);
    }

    @Test
    void unknownCampaignIsA404ProblemAndStoresNothing() {
        Stored before = stored();

        ResponseEntity<String> response = exchange("/api/campaigns/" + UUID.randomUUID() + "/applications",
                HttpMethod.POST, jsonEntity(Applications.validBody().toString(), null, null));

        JsonNode problem = assertProblem(response, HttpStatus.NOT_FOUND, "Campagne introuvable");
        assertThat(problem.path("detail").asText()).isEqualTo("Cette campagne n'existe pas ou n'est pas publiée.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void closedCampaignIsA409ProblemAndStoresNothing() {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(campaign.closingDate().plusDays(1).atTime(10, 0)
                .atZone(ProgrammeTime.ZONE).toInstant()));
        Stored before = stored();

        ResponseEntity<String> response = submit(Applications.validBody(), "closed-" + UUID.randomUUID());

        JsonNode problem = assertProblem(response, HttpStatus.CONFLICT, "Campagne fermée");
        assertThat(problem.path("detail").asText())
                .startsWith("Les candidatures à la campagne « " + DEMO_CAMPAIGN + " » sont closes depuis le ");
        assertThat(stored()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- tracking: no existence revealed

    @Test
    void trackingWithoutTheRightTokenIsA404ThatRevealsNothing() {
        Receipt receipt = submitValid();

        ResponseEntity<String> noToken = exchange("/api/applications/" + receipt.reference(), HttpMethod.GET,
                new HttpEntity<>(new HttpHeaders()));
        ResponseEntity<String> wrongToken = get(receipt.reference(), "not-" + receipt.token());
        ResponseEntity<String> notBearer = exchange("/api/applications/" + receipt.reference(), HttpMethod.GET,
                new HttpEntity<>(headers(h -> h.set(HttpHeaders.AUTHORIZATION, "Basic " + receipt.token()))));
        String unknown = "BAS-" + LocalDate.now(clock).getYear() + "-9999";
        ResponseEntity<String> unknownReference = get(unknown, receipt.token());

        JsonNode expected = withoutInstance(assertProblem(unknownReference, HttpStatus.NOT_FOUND,
                "Candidature introuvable"));
        assertThat(expected.path("detail").asText())
                .isEqualTo("Candidature introuvable. Vérifiez le lien de suivi reçu par courriel.");
        for (ResponseEntity<String> response : List.of(noToken, wrongToken, notBearer)) {
            assertThat(withoutInstance(assertProblem(response, HttpStatus.NOT_FOUND, "Candidature introuvable")))
                    .as("same problem as for an unknown reference").isEqualTo(expected);
        }
        assertThat(get(receipt.reference(), receipt.token()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void sameRequestWithTheSameIdempotencyKeyReturnsTheFirstResponseAndCreatesOneApplication() {
        String key = "key-" + UUID.randomUUID();
        Stored before = stored();

        ResponseEntity<String> first = submit(Applications.validBody(), key);
        ResponseEntity<String> second = submit(Applications.validBody(), key);

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(second.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(stored()).isEqualTo(before.plusApplications(1));
        assertThat(get(read(first).path("reference").asText(), read(first).path("trackingToken").asText())
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void sameIdempotencyKeyInParallelCreatesOneApplication() throws Exception {
        String key = "parallel-" + UUID.randomUUID();
        String body = Applications.validBody().toString();
        Stored before = stored();
        int clients = 4;
        CountDownLatch start = new CountDownLatch(1);
        Callable<ResponseEntity<String>> request = () -> {
            start.await();
            return exchange("/api/campaigns/" + campaignId + "/applications", HttpMethod.POST,
                    jsonEntity(body, MediaType.APPLICATION_JSON, key));
        };
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<ResponseEntity<String>>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(threads.submit(request));
            }
            start.countDown();
            ResponseEntity<String> first = futures.get(0).get(60, TimeUnit.SECONDS);
            assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
            for (Future<ResponseEntity<String>> future : futures) {
                ResponseEntity<String> response = future.get(60, TimeUnit.SECONDS);
                assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
                assertThat(response.getBody()).isEqualTo(first.getBody());
                assertThat(response.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(stored()).isEqualTo(before.plusApplications(1));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsA422ProblemAndCreatesNothing() {
        String key = "reused-" + UUID.randomUUID();
        ResponseEntity<String> first = submit(Applications.validBody(), key);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
        Stored afterFirst = stored();
        ObjectNode other = Applications.validBody();
        other.put("projectTitle", "Un autre projet");

        ResponseEntity<String> second = submit(other, key);

        JsonNode problem = assertProblem(second, HttpStatus.UNPROCESSABLE_ENTITY, "Clé d'idempotence réutilisée");
        assertThat(problem.path("detail").asText()).isEqualTo("Cette clé d'idempotence a déjà servi pour une autre requête.");
        assertThat(fields(problem)).containsExactly("Idempotency-Key");
        assertThat(stored()).isEqualTo(afterFirst);
        assertThat(submit(Applications.validBody(), key).getBody()).as("the first response, still")
                .isEqualTo(first.getBody());
    }

    @Test
    void invalidRequestDoesNotUseUpItsIdempotencyKey() {
        String key = "retry-" + UUID.randomUUID();
        ObjectNode invalid = Applications.validBody();
        invalid.put("siret", "21690123100012");
        Stored before = stored();

        assertProblem(submit(invalid, key), HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(stored()).isEqualTo(before);

        ResponseEntity<String> corrected = submit(Applications.validBody(), key);
        assertThat(corrected.getStatusCode()).as(corrected.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(stored()).isEqualTo(before.plusApplications(1));
    }

    @Test
    void idempotencyKeyOverOneHundredCharactersIsNamedAndStoresNothing() {
        Stored before = stored();

        ResponseEntity<String> response = submit(Applications.validBody(), "k".repeat(101));

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(fields(problem)).containsExactly("Idempotency-Key");
        assertThat(stored()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- documents

    @Test
    void pdfIsAddedAndListed() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> response = upload(receipt.reference(), receipt.token(), "aipd-projet.pdf",
                Applications.PDF);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode document = read(response);
        assertThat(document.path("fileName").asText()).isEqualTo("aipd-projet.pdf");
        assertThat(document.path("sizeBytes").asLong()).isEqualTo(Applications.PDF.length);
        assertThat(document.path("id").asText()).isNotBlank();
        assertThat(stored().documents()).isEqualTo(before.documents() + 1);
        JsonNode view = read(get(receipt.reference(), receipt.token()));
        assertThat(view.path("documents").findValuesAsText("fileName")).containsExactly("aipd-projet.pdf");
        assertThat(view.path("documents").findValuesAsText("id")).containsExactly(document.path("id").asText());
    }

    @Test
    void uploadAnswersWithTheDocumentJustStoredEvenWhenAnOtherOneLooksNewer() {
        Receipt receipt = submitValid();
        ResponseEntity<String> first = upload(receipt.reference(), receipt.token(), "premier.pdf", Applications.PDF);
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
        ClockUtil.setCurrentTime(Date.from(clock.instant().minusSeconds(3600)));

        ResponseEntity<String> second = upload(receipt.reference(), receipt.token(), "second.pdf", Applications.PDF);

        assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode document = read(second);
        assertThat(document.path("fileName").asText()).isEqualTo("second.pdf");
        assertThat(document.path("id").asText()).isEqualTo(jdbc.sql("SELECT id FROM document WHERE file_name = "
                + "'second.pdf' AND application_id = (SELECT id FROM application WHERE reference = :reference)")
                .param("reference", receipt.reference()).query(String.class).single());
    }

    @Test
    void textFileNamedPdfIsRefusedNamingTheFileAndStoresNothing() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> response = upload(receipt.reference(), receipt.token(), "x.pdf",
                "Ceci n'est pas un PDF.\n".getBytes(StandardCharsets.UTF_8));

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, null);
        assertThat(problem.path("title").asText()).isIn("Requête invalide", "Document refusé");
        assertThat(fields(problem)).as("the multipart field of the API is « file »").containsExactly("file");
        assertThat(message(problem, "file")).isEqualTo("Le fichier « x.pdf » n'est pas un document PDF.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void missingFileIsNamedAndStoresNothing() {
        Receipt receipt = submitValid();
        Stored before = stored();
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("informationRequestId", "");

        ResponseEntity<String> response = exchange("/api/applications/" + receipt.reference() + "/documents",
                HttpMethod.POST, multipart(form, receipt.token()));

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(fields(problem)).containsExactly("file");
        assertThat(message(problem, "file")).isEqualTo("Joignez un document PDF.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void fileOverTenMegabytesIsA413ProblemAndStoresNothing() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> response = upload(receipt.reference(), receipt.token(), "gros.pdf",
                Applications.pdfOfSize(TEN_MB + 1));

        JsonNode problem = assertProblem(response, HttpStatus.PAYLOAD_TOO_LARGE, "Document trop volumineux");
        assertThat(problem.path("detail").asText()).isEqualTo("Chaque document doit être un PDF de 10 Mo au plus.");
        assertThat(stored()).isEqualTo(before);
        assertThat(read(get(receipt.reference(), receipt.token())).path("documents")).isEmpty();
    }

    @Test
    void documentWithAWrongTokenIsA404AndStoresNothing() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> wrongToken = upload(receipt.reference(), "not-" + receipt.token(), "aipd.pdf",
                Applications.PDF);
        ResponseEntity<String> noToken = upload(receipt.reference(), null, "aipd.pdf", Applications.PDF);
        ResponseEntity<String> unknownReference = upload("BAS-" + LocalDate.now(clock).getYear() + "-9999",
                receipt.token(), "aipd.pdf", Applications.PDF);

        JsonNode expected = withoutInstance(assertProblem(unknownReference, HttpStatus.NOT_FOUND,
                "Candidature introuvable"));
        assertThat(withoutInstance(assertProblem(wrongToken, HttpStatus.NOT_FOUND, "Candidature introuvable")))
                .isEqualTo(expected);
        assertThat(withoutInstance(assertProblem(noToken, HttpStatus.NOT_FOUND, "Candidature introuvable")))
                .isEqualTo(expected);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void multipartWithoutBoundaryIsA400ProblemAndStoresNothing() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> response = exchange("/api/applications/" + receipt.reference() + "/documents",
                HttpMethod.POST, new HttpEntity<>("%PDF-1.4 pas un formulaire %%EOF", headers(h -> {
                    h.set(HttpHeaders.CONTENT_TYPE, "multipart/form-data");
                    h.setBearerAuth(receipt.token());
                })));

        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST, "Envoi de fichier illisible");
        assertThat(problem.path("detail").asText())
                .isEqualTo("Envoyez les documents dans un formulaire multipart valide.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void jsonSentToTheDocumentsEndpointIsA415Problem() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> response = exchange("/api/applications/" + receipt.reference() + "/documents",
                HttpMethod.POST, new HttpEntity<>("{}", headers(h -> {
                    h.setContentType(MediaType.APPLICATION_JSON);
                    h.setBearerAuth(receipt.token());
                })));

        assertProblem(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Format non pris en charge");
        assertThat(stored()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- answer and withdrawal

    @Test
    void answerWithoutAnOpenRequestIsA409Problem() {
        Receipt receipt = submitValid();
        Stored before = stored();

        ResponseEntity<String> response = answer(receipt, "{\"answer\": \"Voici l'AIPD demandée.\"}");

        JsonNode problem = assertProblem(response, HttpStatus.CONFLICT, "Action impossible");
        assertThat(problem.path("detail").asText()).isEqualTo("Aucune demande de compléments n'attend de réponse.");
        assertThat(stored()).isEqualTo(before);
        assertThat(read(get(receipt.reference(), receipt.token())).path("status").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void applicantAnswersTheRequestForInformation() {
        Receipt receipt = submitValid();
        String processInstanceId = processInstanceOf(receipt.reference());
        requestInformation(processInstanceId);
        executeJobs(processInstanceId);
        JsonNode awaiting = read(get(receipt.reference(), receipt.token()));
        assertThat(awaiting.path("status").asText()).isEqualTo("AWAITING_APPLICANT");
        String requestId = awaiting.path("informationRequests").get(0).path("id").asText();
        assertThat(awaiting.path("informationRequests").get(0).path("message").asText())
                .isEqualTo("Joignez l'analyse d'impact (AIPD).");
        Stored before = stored();

        JsonNode blank = assertProblem(answer(receipt, "{\"answer\": \"  \"}"), HttpStatus.BAD_REQUEST,
                "Requête invalide");
        assertThat(fields(blank)).containsExactly("answer");
        assertThat(message(blank, "answer")).isEqualTo("Rédigez votre réponse à la demande de compléments.");
        JsonNode tooLong = assertProblem(answer(receipt, "{\"answer\": \"" + "a".repeat(4001) + "\"}"),
                HttpStatus.BAD_REQUEST, "Requête invalide");
        assertThat(fields(tooLong)).containsExactly("answer");
        assertProblem(answer(receipt, "{\"answer\": "), HttpStatus.BAD_REQUEST, "Requête illisible");
        assertProblem(answer(new Receipt(receipt.reference(), "not-" + receipt.token()), "{\"answer\": \"Voici.\"}"),
                HttpStatus.NOT_FOUND, "Candidature introuvable");
        assertThat(stored()).isEqualTo(before);
        assertThat(read(get(receipt.reference(), receipt.token())).path("status").asText())
                .isEqualTo("AWAITING_APPLICANT");

        ResponseEntity<String> document = exchange("/api/applications/" + receipt.reference() + "/documents",
                HttpMethod.POST, multipart(pdfForm("aipd.pdf", Applications.PDF, requestId), receipt.token()));
        assertThat(document.getStatusCode()).as(document.getBody()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> answered = answer(receipt, "{\"answer\": \"Voici l'AIPD demandée.\"}");
        assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode view = read(answered);
        assertThat(view.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(view.path("informationRequests").get(0).path("answer").asText()).isEqualTo("Voici l'AIPD demandée.");
        assertThat(taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(COMPLETENESS_TASK).count()).isEqualTo(1);

        assertProblem(answer(receipt, "{\"answer\": \"Encore une fois.\"}"), HttpStatus.CONFLICT, "Action impossible");
    }

    /**
     * The request is written in the same transaction as the process reaching "Attendre la réponse du
     * candidat", and no step waits for its e-mail: as soon as the applicant can see it, an answer is taken.
     */
    @Test
    void aRequestIsAnswerableAsSoonAsTheApplicantCanSeeItWithoutWaitingForItsMail() {
        Receipt receipt = submitValid();
        String processInstanceId = processInstanceOf(receipt.reference());
        requestInformation(processInstanceId);

        assertThat(managementService.createJobQuery().processInstanceId(processInstanceId).executable().count())
                .as("nothing left to run before the answer, only the reminder and due-date timers").isZero();
        assertThat(outboxStatus(receipt.reference(), "INFORMATION_REQUEST")).isNotEqualTo("SENT");
        ResponseEntity<String> answered = answer(receipt, "{\"answer\": \"Voici l'AIPD demandée.\"}");

        assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(read(answered).path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(COMPLETENESS_TASK).count()).isEqualTo(1);
    }

    @Test
    void afterTheReceiptMailsAreHeldUntilTheApplicantOpensTheTrackingLinkAndShownThereAnyway() {
        ObjectNode body = Applications.validBody();
        body.put("projectStage", "IN_PRODUCTION");
        ResponseEntity<String> submitted = submit(body, null);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.CREATED);
        Receipt receipt = new Receipt(read(submitted).path("reference").asText(),
                read(submitted).path("trackingToken").asText());
        executeJobs(processInstanceOf(receipt.reference()));

        assertThat(outboxStatus(receipt.reference(), "RECEIPT")).isEqualTo("PENDING");
        assertThat(outboxStatus(receipt.reference(), "INELIGIBLE")).isEqualTo("AWAITING_CONFIRMATION");

        JsonNode tracked = read(get(receipt.reference(), receipt.token()));

        assertThat(outboxStatus(receipt.reference(), "INELIGIBLE")).as("released by opening the link")
                .isEqualTo("PENDING");
        assertThat(tracked.path("status").asText()).isEqualTo("INELIGIBLE");
        assertThat(tracked.path("messages").findValuesAsText("subject")).hasSize(2)
                .anySatisfy(subject -> assertThat(subject).contains("non éligible"));
    }

    /** A programme manager finds the file incomplete and asks for the DPIA. */
    private void requestInformation(String processInstanceId) {
        executeJobs(processInstanceId);
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(COMPLETENESS_TASK).singleResult();
        taskService.complete(task.getId(), Map.of(ApplicationReviewVariables.COMPLETENESS,
                ApplicationReviewVariables.COMPLETENESS_INCOMPLETE,
                ApplicationReviewVariables.INFORMATION_REQUEST_TEXT, "Joignez l'analyse d'impact (AIPD)."));
    }

    private String outboxStatus(String reference, String template) {
        return jdbc.sql("SELECT o.status FROM outbox_message o JOIN application a ON a.id = o.application_id "
                        + "WHERE a.reference = :reference AND o.template = :template")
                .param("reference", reference).param("template", template).query(String.class).single();
    }

    @Test
    void withdrawalIsAcceptedOnceThenA409Problem() {
        Receipt receipt = submitValid();

        ResponseEntity<String> withdrawn = withdraw(receipt);

        assertThat(withdrawn.getStatusCode()).as(withdrawn.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode view = read(withdrawn);
        assertThat(view.path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(view.path("withdrawable").asBoolean()).isFalse();
        assertThat(read(get(receipt.reference(), receipt.token())).path("status").asText()).isEqualTo("WITHDRAWN");
        Stored after = stored();

        JsonNode again = assertProblem(withdraw(receipt), HttpStatus.CONFLICT, "Action impossible");
        assertThat(again.path("detail").asText()).isEqualTo("Cette candidature ne peut plus être retirée (Retirée).");
        assertProblem(upload(receipt.reference(), receipt.token(), "tard.pdf", Applications.PDF),
                HttpStatus.CONFLICT, "Action impossible");
        assertThat(stored()).isEqualTo(after);
    }

    @Test
    void withdrawalWithAWrongTokenIsA404AndChangesNothing() {
        Receipt receipt = submitValid();
        Stored before = stored();

        assertProblem(withdraw(new Receipt(receipt.reference(), "not-" + receipt.token())), HttpStatus.NOT_FOUND,
                "Candidature introuvable");

        assertThat(stored()).isEqualTo(before);
        assertThat(read(get(receipt.reference(), receipt.token())).path("status").asText()).isEqualTo("SUBMITTED");
    }

    // ---------------------------------------------------------------- helpers

    record Receipt(String reference, String token) {
    }

    /** What bad input must never leave behind. */
    record Stored(long applications, long documents, long informationRequests, long idempotencyRecords,
            long events, long outboxMessages, long processInstances) {

        Stored plusApplications(int count) {
            return new Stored(applications + count, documents, informationRequests, idempotencyRecords + count,
                    events + count, outboxMessages + count, processInstances + count);
        }
    }

    Stored stored() {
        return new Stored(count("application"), count("document"), count("information_request"),
                count("idempotency_record"), count("application_event"), count("outbox_message"),
                historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count());
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    Receipt submitValid() {
        ResponseEntity<String> response = submit(Applications.validBody(), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode receipt = read(response);
        return new Receipt(receipt.path("reference").asText(), receipt.path("trackingToken").asText());
    }

    ResponseEntity<String> submit(ObjectNode body, String idempotencyKey) {
        return submitRaw(body.toString(), MediaType.APPLICATION_JSON, idempotencyKey);
    }

    ResponseEntity<String> submitRaw(String body, MediaType contentType, String idempotencyKey) {
        return exchange("/api/campaigns/" + campaignId + "/applications", HttpMethod.POST,
                jsonEntity(body, contentType, idempotencyKey));
    }

    ResponseEntity<String> get(String reference, String token) {
        return exchange("/api/applications/" + reference, HttpMethod.GET,
                new HttpEntity<>(headers(h -> h.setBearerAuth(token))));
    }

    ResponseEntity<String> answer(Receipt receipt, String body) {
        return exchange("/api/applications/" + receipt.reference() + "/answer", HttpMethod.POST,
                new HttpEntity<>(body, headers(h -> {
                    h.setContentType(MediaType.APPLICATION_JSON);
                    h.setBearerAuth(receipt.token());
                })));
    }

    ResponseEntity<String> withdraw(Receipt receipt) {
        return exchange("/api/applications/" + receipt.reference() + "/withdrawal", HttpMethod.POST,
                new HttpEntity<>(headers(h -> h.setBearerAuth(receipt.token()))));
    }

    ResponseEntity<String> upload(String reference, String token, String fileName, byte[] content) {
        return exchange("/api/applications/" + reference + "/documents", HttpMethod.POST,
                multipart(pdfForm(fileName, content, null), token));
    }

    private static MultiValueMap<String, Object> pdfForm(String fileName, byte[] content, String requestId) {
        HttpHeaders part = new HttpHeaders();
        part.setContentType(MediaType.APPLICATION_PDF);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new HttpEntity<>(new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        }, part));
        if (requestId != null) {
            form.add("informationRequestId", requestId);
        }
        return form;
    }

    private static HttpEntity<MultiValueMap<String, Object>> multipart(MultiValueMap<String, Object> form,
            String token) {
        return new HttpEntity<>(form, headers(h -> {
            h.setContentType(MediaType.MULTIPART_FORM_DATA);
            if (token != null) {
                h.setBearerAuth(token);
            }
        }));
    }

    private static HttpEntity<String> jsonEntity(String body, MediaType contentType, String idempotencyKey) {
        return new HttpEntity<>(body, headers(h -> {
            h.setContentType(contentType == null ? MediaType.APPLICATION_JSON : contentType);
            if (idempotencyKey != null) {
                h.set("Idempotency-Key", idempotencyKey);
            }
        }));
    }

    private static HttpHeaders headers(Consumer<HttpHeaders> setup) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        setup.accept(headers);
        return headers;
    }

    ResponseEntity<String> exchange(String path, HttpMethod method, HttpEntity<?> entity) {
        ResponseEntity<String> response = http.exchange(path, method, entity, String.class);
        statuses.add(response.getStatusCode());
        assertThat(response.getStatusCode().is5xxServerError()).as("%s %s answered %s %s", method, path,
                response.getStatusCode(), response.getBody()).isFalse();
        return response;
    }

    /** Checks an RFC 7807 problem in French and returns it; a null title is not checked. */
    JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status, String title) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        MediaType contentType = response.getHeaders().getContentType();
        assertThat(contentType).as("Content-Type of %s", response.getBody()).isNotNull();
        assertThat(contentType.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .as("Content-Type %s of %s", contentType, response.getBody()).isTrue();
        JsonNode problem = read(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status.value());
        if (title != null) {
            assertThat(problem.path("title").asText()).isEqualTo(title);
        }
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    static List<String> fields(JsonNode problem) {
        assertThat(problem.path("errors").isArray()).as("errors of %s", problem).isTrue();
        return problem.path("errors").findValuesAsText("field");
    }

    static String message(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (field.equals(error.path("field").asText())) {
                return error.path("message").asText();
            }
        }
        throw new AssertionError("No error for " + field + " in " + problem);
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        ObjectNode copy = problem.deepCopy();
        copy.remove("instance");
        return copy;
    }

    JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(Objects.requireNonNull(response.getBody(), "no body"));
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }

    String processInstanceOf(String reference) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(reference).singleResult().getId();
    }

    /** Runs the process instance's due jobs, as the job executor (off in tests) would. */
    void executeJobs(String processInstanceId) {
        EngineJobs.runDue(managementService, processInstanceId);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(Object value, String token) {
        if (value instanceof ObjectValue object) {
            return contains(object.getValueSerialized(), token);
        }
        if (value instanceof TypedValue typed) {
            return contains(typed.getValue(), token);
        }
        return value != null && String.valueOf(value).contains(token);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
