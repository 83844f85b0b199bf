package fr.bacasable.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.shared.ProgrammeTime;
import fr.bacasable.testsupport.EngineJobs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The public portal over real HTTP, as a browser without JavaScript uses it: campaign page, the
 * multipart application form and its errors, the confirmation shown once, the private tracking
 * page, the answer to a request for information, the withdrawal, and what is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PortalTests {

    static final String DEMO_CAMPAIGN = "IA au bénéfice des services publics";
    static final String COMPLETENESS_TASK = "Task_CheckCompleteness";
    static final Pattern TRACKING_PATH = Pattern.compile("/suivi/(BAS-\\d{4}-\\d{4})/([A-Za-z0-9_-]{20,})");
    static final String NO_REFERRER = "<meta name=\"referrer\" content=\"no-referrer\">";
    /** A tiny but valid PDF: the header, an object, the trailer. */
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final int TEN_MEGABYTES = 10 * 1024 * 1024;
    static final String SIRET_MESSAGE = "Le numéro SIRET doit comporter 14 chiffres et être valide (clé de contrôle).";

    @LocalServerPort
    int port;
    @Autowired
    CampaignService campaigns;
    @Autowired
    Clock clock;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    JdbcClient jdbc;

    /** A browser: keeps its cookies, and lets each test follow redirects itself to check them. */
    HttpClient browser;
    String campaignId;

    @BeforeEach
    void browserAndDemoCampaign() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        campaignId = campaigns.listPublic().stream().filter(campaign -> campaign.title().equals(DEMO_CAMPAIGN))
                .map(Campaign::id).findFirst().orElseThrow();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- the applicant's journey

    @Test
    void applicantSubmitsTheFormFollowsTheTrackingLinkAndAnswersARequest() {
        assertThat(get("/").body()).contains("href=\"/campagnes/" + campaignId + "\"");
        HttpResponse<String> campaignPage = get("/campagnes/" + campaignId);
        assertThat(campaignPage.statusCode()).isEqualTo(200);
        assertThat(campaignPage.body()).contains(DEMO_CAMPAIGN, "Ouverte aux candidatures", "Qui peut candidater ?",
                "Les critères de sélection", "Et après le dépôt ?", "Vos données personnelles", "dpo@cnil.fr",
                "Les services de contrôle de la CNIL n'y ont jamais accès.",
                "href=\"/campagnes/" + campaignId + "/candidature\"");

        HttpResponse<String> form = get(formPath());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("enctype=\"multipart/form-data\"", "<label for=\"siret\">",
                "name=\"documents\" multiple", "name=\"consent\" value=\"true\"");
        for (DpiaCriterion criterion : DpiaCriterion.values()) {
            assertThat(form.body()).as(criterion.name()).contains(html(criterion.question()),
                    html(criterion.explanation()),
                    "id=\"dpia-" + criterion.field() + "\" name=\"dpia." + criterion.field() + "\" value=\"true\"",
                    "id=\"dpia-" + criterion.field() + "-non\" name=\"dpia." + criterion.field()
                            + "\" value=\"false\"");
        }
        for (AiActQuestion question : AiActQuestion.values()) {
            assertThat(form.body()).as(question.name()).contains(html(question.question()),
                    "name=\"aiAct." + question.field() + "\" value=\"false\"");
        }
        for (PublicServiceDomain domain : PublicServiceDomain.values()) {
            assertThat(form.body()).contains("<option value=\"" + domain.name() + "\">" + html(domain.label()));
        }

        HttpResponse<String> posted = post(formPath(), validForm().file("documents", "presentation.pdf",
                PDF));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        String confirmationPath = location(posted);
        assertThat(confirmationPath).isEqualTo("/campagnes/" + campaignId + "/candidature/confirmation")
                .as("the token stays out of the address").doesNotContain("suivi", "jsessionid");

        HttpResponse<String> confirmation = get(confirmationPath);
        assertThat(confirmation.statusCode()).isEqualTo(200);
        assertPrivate(confirmation);
        Matcher link = TRACKING_PATH.matcher(confirmation.body());
        assertThat(link.find()).as(confirmation.body()).isTrue();
        String reference = link.group(1);
        String tracking = link.group();
        assertThat(confirmation.body()).contains("<p class=\"reference\">" + reference + "</p>");
        assertThat(get(confirmationPath).body()).as("shown once").doesNotContain(reference)
                .contains("qu'une seule fois");

        HttpResponse<String> submitted = get(tracking);
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertPrivate(submitted);
        assertThat(submitted.body()).contains(reference, "Déposée, en cours de vérification", "presentation.pdf",
                "Candidature déposée", "candidature " + reference + " reçue", "Retirer ma candidature");

        requestInformation(reference);
        String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(reference)
                .singleResult().getId();

        HttpResponse<String> awaiting = get(tracking);
        assertThat(awaiting.body()).contains("En attente de vos compléments", "Demande de compléments",
                "Merci de joindre votre AIPD.", "Répondez au plus tard le",
                "action=\"" + tracking + "/reponse\"");

        HttpResponse<String> blank = post(tracking + "/reponse", new Multipart().field("answer", "  ")
                .file("documents", "", new byte[0]));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("role=\"alert\"", "<a href=\"#answer\">Rédigez votre réponse à la demande "
                + "de compléments.</a>", "aria-describedby=\"answer-hint answer-error\"");
        assertThat(status(reference)).isEqualTo(ApplicationStatus.AWAITING_APPLICANT);

        HttpResponse<String> answered = post(tracking + "/reponse", new Multipart()
                .field("answer", "Voici notre AIPD, version du 3 mars.").file("documents", "aipd.pdf", PDF));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(303);
        assertThat(location(answered)).isEqualTo(tracking + "?confirmation=reponse");

        HttpResponse<String> after = get(location(answered));
        assertThat(after.body()).contains("Votre réponse a bien été envoyée.", "Déposée, en cours de vérification",
                "Demandes de compléments précédentes", "Merci de joindre votre AIPD.",
                "Voici notre AIPD, version du 3 mars.", "aipd.pdf", "Compléments reçus")
                .doesNotContain("action=\"" + tracking + "/reponse\"");
        assertThat(taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(COMPLETENESS_TASK).count()).as("back at the completeness check").isEqualTo(1);

        HttpResponse<String> again = post(tracking + "/reponse", new Multipart().field("answer", "Encore."));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Aucune demande de compléments n&#39;attend de réponse.");
    }

    // ---------------------------------------------------------------- form errors

    @Test
    void blankFormListsEveryProblemAtTheTopAndKeepsWhatWasTyped() {
        Stored before = stored();

        HttpResponse<String> response = post(formPath(), new Multipart()
                .field("submissionKey", newSubmissionKey())
                .field("organisationName", "Ville de <Lyon>")
                .field("contactEmail", "alice.martin@example.org")
                .field("aiTechniques", "GENERATIVE")
                .field("dpia.largeScale", "false")
                .field("aiAct.annexIiiArea", "EDUCATION")
                .file("documents", "", new byte[0]));

        assertThat(response.statusCode()).isEqualTo(400);
        String page = response.body();
        assertThat(page).contains("<title>Erreur : ", "class=\"error-summary\" role=\"alert\" tabindex=\"-1\"");
        List<String> summary = summaryTargets(page);
        assertThat(summary).startsWith("applicantType", "siret", "contactName", "contactPhone")
                .contains("projectStage", "usesAi", "processesPersonalData", "dpia-sensitiveData",
                        "aiAct-prohibitedPractice", "aiAct-deployerIsPublicBody", "legalQuestions")
                .endsWith("consent")
                .doesNotContain("organisationName", "contactEmail", "dpia-largeScale", "aiAct-annexIiiArea",
                        "aiTechniques");
        for (String target : summary) {
            assertThat(page).as("the field that #%s points to", target).contains("id=\"" + target + "\"");
        }
        assertThat(page).contains("Indiquez le numéro SIRET de l&#39;organisme.",
                "aria-describedby=\"siret-hint siret-error\"",
                "value=\"Ville de &lt;Lyon&gt;\"", "value=\"alice.martin@example.org\"");
        assertThat(page).containsPattern("id=\"siret\"[^>]*aria-invalid=\"true\"")
                .containsPattern("id=\"aiTechniques\" name=\"aiTechniques\" value=\"GENERATIVE\"[^>]*checked")
                .containsPattern("id=\"dpia-largeScale-non\"[^>]*checked")
                .doesNotContainPattern("id=\"dpia-largeScale\"[^>]*checked")
                .containsPattern("id=\"aiAct-annexIiiArea-EDUCATION\"[^>]*checked")
                .doesNotContainPattern("id=\"organisationName\"[^>]*aria-invalid");
        assertThat(page).as("a group of choices shows its question and its error")
                .contains("<legend>Quel type d&#39;organisme porte le projet ?</legend>",
                        "<p class=\"field-error\" id=\"applicantType-error\">")
                .containsPattern("id=\"applicantType\"[^>]*aria-invalid=\"true\"");
        assertThat(page).contains("choisissez-les à nouveau");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void invalidSiretIsNamedNextToItsFieldAndNothingIsStored() {
        Stored before = stored();

        HttpResponse<String> response = post(formPath(), validForm().set("siret", "21690123100012"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(summaryTargets(response.body())).containsExactly("siret");
        assertThat(response.body()).contains("<a href=\"#siret\">" + SIRET_MESSAGE + "</a>",
                "<p class=\"field-error\" id=\"siret-error\">", "value=\"21690123100012\"",
                "value=\"Assistant IA pour l&#39;état civil\"");
        assertThat(occurrences(response.body(), SIRET_MESSAGE)).as("in the summary and next to the field")
                .isEqualTo(2);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void fieldSentTwiceIsRefusedNextToItAndNothingIsStored() {
        Stored before = stored();

        HttpResponse<String> response = post(formPath(), validForm().field("contactEmail", "bob@example.org"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(summaryTargets(response.body())).containsExactly("contactEmail");
        assertThat(response.body()).contains("Ce champ a été envoyé plusieurs fois : renvoyez le formulaire depuis la page.");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void formTheServerReadOnlyInPartIsRefusedAndNothingIsStored() {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            fields.append("champ").append(i).append("=x&");
        }
        fields.append("applicantType=LOCAL_AUTHORITY&consent=true");
        Stored before = stored();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(formPath()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.toString())).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body()).contains("<html lang=\"fr\">", "<h1>Formulaire illisible</h1>",
                "rien n&#39;a été enregistré");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void unknownAddressGetsAFrenchPage() {
        HttpResponse<String> response = get("/nulle-part");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("<html lang=\"fr\">", "<h1>Adresse inconnue</h1>")
                .doesNotContain("Whitelabel");
    }

    @Test
    void fileThatIsNotAPdfIsRefusedByItsContentAndNothingIsStored() {
        Stored before = stored();

        HttpResponse<String> response = post(formPath(), validForm().file("documents", "x.pdf",
                "Ceci n'est pas un PDF.\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(summaryTargets(response.body())).containsExactly("documents");
        assertThat(response.body()).contains("Le fichier « x.pdf » n&#39;est pas un document PDF.",
                "aria-describedby=\"documents-hint documents-again documents-error\"",
                "Les fichiers choisis ne sont pas conservés");
        assertThat(stored()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- one application per filled-in form

    @Test
    void formSentAgainShowsTheFirstConfirmationAndCreatesNoOtherApplication() {
        HttpResponse<String> page = get(formPath());
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("bas_navigateur=").contains("HttpOnly", "SameSite=Strict"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        Multipart form = validForm().set("submissionKey", submissionKeyIn(page.body()));
        Stored before = stored();

        String first = get(location(post(formPath(), form))).body();
        HttpResponse<String> again = post(formPath(), form);

        assertThat(again.statusCode()).isEqualTo(303);
        HttpResponse<String> repeated = get(location(again));
        assertPrivate(repeated);
        Matcher link = TRACKING_PATH.matcher(first);
        assertThat(link.find()).as(first).isTrue();
        assertThat(first).doesNotContain("avait déjà été envoyé");
        assertThat(repeated.body()).contains(link.group(), "<p class=\"reference\">" + link.group(1) + "</p>",
                "Ce formulaire avait déjà été envoyé : aucune autre");
        assertThat(stored()).isEqualTo(new Stored(before.applications() + 1, before.documents()));
    }

    @Test
    void formSentTwiceAtOnceCreatesOneApplication() throws Exception {
        HttpResponse<String> page = get(formPath());
        Multipart form = validForm().set("submissionKey", submissionKeyIn(page.body()));
        Stored before = stored();
        ExecutorService clicks = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpResponse<String>>> posts = List.of(clicks.submit(() -> post(formPath(), form)),
                    clicks.submit(() -> post(formPath(), form)));
            for (Future<HttpResponse<String>> posted : posts) {
                assertThat(posted.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(303);
            }
        } finally {
            clicks.shutdownNow();
        }
        assertThat(stored()).isEqualTo(new Stored(before.applications() + 1, before.documents()));
    }

    @Test
    void anotherBrowserWithTheSameKeyNeverSeesTheFirstApplication() {
        Multipart form = validForm().set("submissionKey", submissionKeyIn(get(formPath()).body()));
        Matcher first = TRACKING_PATH.matcher(get(location(post(formPath(), form))).body());
        assertThat(first.find()).isTrue();

        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> elsewhere = post(formPath(), form);

        assertThat(elsewhere.statusCode()).isEqualTo(303);
        Matcher own = TRACKING_PATH.matcher(get(location(elsewhere)).body());
        assertThat(own.find()).as("a submission of its own").isTrue();
        assertThat(own.group(1)).isNotEqualTo(first.group(1));
    }

    @Test
    void formSentAgainLaterShowsTheReferenceButNotTheTrackingLink() {
        Multipart form = validForm().set("submissionKey", submissionKeyIn(get(formPath()).body()));
        Matcher first = TRACKING_PATH.matcher(get(location(post(formPath(), form))).body());
        assertThat(first.find()).isTrue();
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(11))));

        HttpResponse<String> later = get(location(post(formPath(), form)));

        assertThat(later.body()).contains("Candidature déjà déposée", "<p class=\"reference\">" + first.group(1) + "</p>",
                "Le lien de suivi personnel a été envoyé par").doesNotContain("/suivi/");
    }

    @Test
    void formWithoutItsSubmissionKeyComesBackWithItsAnswersAndANewKey() {
        Stored before = stored();

        HttpResponse<String> response = post(formPath(), validForm().set("submissionKey", "trop-court"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(summaryTargets(response.body())).containsExactly("submission");
        assertThat(response.body()).contains("id=\"submission\"", "value=\"Ville de Lyon\"")
                .doesNotContain("value=\"trop-court\"");
        assertThat(submissionKeyIn(response.body())).matches("[A-Za-z0-9_-]{43}");
        assertThat(stored()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- files over 10 MB

    @Test
    void fileOverTenMegabytesGetsTheFormBackWithItsAnswers() {
        Stored before = stored();

        HttpResponse<String> response = post(formPath(), validForm().file("documents", "gros.pdf",
                Applications.pdfOfSize(TEN_MEGABYTES + 1)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(summaryTargets(response.body())).containsExactly("documents");
        assertThat(response.body()).contains("class=\"site-header\"", "Le fichier « gros.pdf » dépasse 10 Mo.",
                "value=\"Ville de Lyon\"", "data-max-bytes=\"" + TEN_MEGABYTES + "\"", "/js/portal.js");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void answerWithAFileOverTenMegabytesGetsTheTrackingPageBackWithTheAnswer() {
        String tracking = submitThroughTheForm();
        requestInformation(referenceOf(tracking));
        Stored before = stored();

        HttpResponse<String> response = post(tracking + "/reponse", new Multipart()
                .field("answer", "Voici notre AIPD.").file("documents", "gros.pdf",
                        Applications.pdfOfSize(TEN_MEGABYTES + 1)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertPrivate(response);
        assertThat(response.body()).contains("class=\"site-header\"", "Le fichier « gros.pdf » dépasse 10 Mo.",
                "Voici notre AIPD.</textarea>");
        assertThat(stored()).isEqualTo(before);
        assertThat(status(referenceOf(tracking))).isEqualTo(ApplicationStatus.AWAITING_APPLICANT);
    }

    // ---------------------------------------------------------------- withdrawal, not found, closed

    @Test
    void withdrawalAsksForConfirmationThenWithdraws() {
        String tracking = submitThroughTheForm();
        assertThat(get(tracking).body()).contains("<form method=\"get\" action=\"" + tracking + "/retrait\">",
                "Retirer ma candidature");

        HttpResponse<String> confirm = get(tracking + "/retrait");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertPrivate(confirm);
        assertThat(confirm.body()).contains("Retirer votre candidature ?",
                "<form method=\"post\" action=\"" + tracking + "/retrait\">", "href=\"" + tracking + "\"");
        String reference = referenceOf(tracking);
        assertThat(status(reference)).as("asking changes nothing").isEqualTo(ApplicationStatus.SUBMITTED);

        HttpResponse<String> withdrawn = post(tracking + "/retrait", new Multipart());
        assertThat(withdrawn.statusCode()).isEqualTo(303);
        assertThat(location(withdrawn)).isEqualTo(tracking + "?confirmation=retrait");
        assertThat(status(reference)).isEqualTo(ApplicationStatus.WITHDRAWN);
        HttpResponse<String> page = get(location(withdrawn));
        assertThat(page.body()).contains("<p class=\"status status--large\">Retirée</p>",
                "Votre candidature a été retirée.", "Candidature retirée")
                .doesNotContain("Retirer ma candidature</button>");

        HttpResponse<String> again = post(tracking + "/retrait", new Multipart());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("Cette candidature ne peut plus être retirée (Retirée).");
        assertThat(get(tracking + "/retrait").body())
                .contains("Cette candidature ne peut plus être retirée (Retirée).");
    }

    @Test
    void unknownReferenceAndWrongTokenGetTheSameFrenchNotFoundPage() {
        String tracking = submitThroughTheForm();
        String reference = referenceOf(tracking);
        String token = tracking.substring(tracking.lastIndexOf('/') + 1);

        HttpResponse<String> wrongToken = get("/suivi/" + reference + "/not-" + token);
        HttpResponse<String> unknownReference = get("/suivi/BAS-" + LocalDate.now(clock).getYear() + "-9999/" + token);

        assertThat(unknownReference.statusCode()).isEqualTo(404);
        assertThat(unknownReference.body()).contains("Candidature introuvable",
                "Candidature introuvable. Vérifiez le lien de suivi reçu par courriel.", NO_REFERRER)
                .doesNotContain(reference);
        assertThat(wrongToken.statusCode()).isEqualTo(404);
        assertThat(wrongToken.body()).isEqualTo(unknownReference.body());
        for (HttpResponse<String> response : List.of(get("/suivi/" + reference), get("/suivi/" + reference
                + "/not-" + token + "/retrait"), post("/suivi/" + reference + "/not-" + token + "/retrait",
                new Multipart()), post("/suivi/" + reference + "/not-" + token + "/reponse",
                new Multipart().field("answer", "Bonjour")))) {
            assertThat(response.statusCode()).as(response.uri().getPath()).isEqualTo(404);
            assertThat(response.body()).isEqualTo(unknownReference.body());
        }
        assertThat(status(reference)).isEqualTo(ApplicationStatus.SUBMITTED);

        HttpResponse<String> unknownCampaign = get("/campagnes/" + UUID.randomUUID());
        assertThat(unknownCampaign.statusCode()).isEqualTo(404);
        assertThat(unknownCampaign.body()).contains("Cette campagne n&#39;existe pas ou n&#39;est pas publiée.");
        assertThat(get("/campagnes/" + UUID.randomUUID() + "/candidature").statusCode()).isEqualTo(404);
    }

    @Test
    void submissionAfterTheClosingDateIsRefusedWithAClearMessage() {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(campaign.closingDate().plusDays(1).atTime(9, 0)
                .atZone(ProgrammeTime.ZONE).toInstant()));
        String closed = "Les candidatures à la campagne « " + DEMO_CAMPAIGN + " » sont closes depuis le ";
        Stored before = stored();

        HttpResponse<String> campaignPage = get("/campagnes/" + campaignId);
        assertThat(campaignPage.body()).contains(closed, "<p class=\"status\">Clôturée</p>")
                .doesNotContain("href=\"/campagnes/" + campaignId + "/candidature\"");
        HttpResponse<String> form = get(formPath());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(closed).doesNotContain("<form");

        HttpResponse<String> refused = post(formPath(), validForm());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains(closed).doesNotContain("error-summary");
        assertThat(stored()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- helpers

    record Stored(long applications, long documents) {
    }

    Stored stored() {
        return new Stored(jdbc.sql("SELECT COUNT(*) FROM application").query(Long.class).single(),
                jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single());
    }

    ApplicationStatus status(String reference) {
        return ApplicationStatus.valueOf(jdbc.sql("SELECT status FROM application WHERE reference = :reference")
                .param("reference", reference).query(String.class).single());
    }

    /** The completeness check asks the applicant for information. */
    void requestInformation(String reference) {
        Applications.requestInformation(processEngine, reference);
    }

    static String submissionKeyIn(String page) {
        Matcher key = Pattern.compile("name=\"submissionKey\" value=\"([^\"]*)\"").matcher(page);
        assertThat(key.find()).as("a submission key in the form").isTrue();
        return key.group(1);
    }

    String formPath() {
        return "/campagnes/" + campaignId + "/candidature";
    }

    /** Submits a valid form and follows the confirmation page to the tracking link: its path. */
    String submitThroughTheForm() {
        HttpResponse<String> posted = post(formPath(), validForm());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
        Matcher link = TRACKING_PATH.matcher(get(location(posted)).body());
        assertThat(link.find()).isTrue();
        return link.group();
    }

    static String referenceOf(String tracking) {
        Matcher link = TRACKING_PATH.matcher(tracking);
        assertThat(link.matches()).isTrue();
        return link.group(1);
    }

    /** A complete, eligible application (local authority, AI, personal data, pilot), as the portal form posts it. */
    static Multipart validForm() {
        Multipart form = new Multipart()
                .field("applicantType", "LOCAL_AUTHORITY")
                .field("organisationName", "Ville de Lyon")
                .field("siret", "216 901 231 00011")
                .field("contactName", "Alice Martin")
                .field("contactEmail", "alice.martin@example.org")
                .field("contactPhone", "04 72 10 30 30")
                .field("projectTitle", "Assistant IA pour l'état civil")
                .field("projectSummary", "Un assistant conversationnel pour les demandes d'actes.\nPilote en mairie.")
                .field("publicServiceDomain", "SOCIAL")
                .field("projectStage", "PILOT")
                .field("usesAi", "true")
                .field("aiTechniques", "GENERATIVE")
                .field("processesPersonalData", "true")
                .field("personalDataCategories", "IDENTITY")
                .field("personalDataCategories", "CONTACT");
        Map<String, Boolean> dpia = new LinkedHashMap<>();
        for (DpiaCriterion criterion : DpiaCriterion.values()) {
            dpia.put(criterion.field(), false);
        }
        dpia.put(DpiaCriterion.SENSITIVE_DATA.field(), true);
        dpia.put(DpiaCriterion.INNOVATIVE_TECHNOLOGY.field(), true);
        dpia.forEach((field, answer) -> form.field("dpia." + field, answer.toString()));
        form.field("aiAct.prohibitedPractice", "NONE").field("aiAct.annexIiiArea", "NONE");
        for (AiActQuestion question : AiActQuestion.values()) {
            form.field("aiAct." + question.field(), String.valueOf(question == AiActQuestion.INTERACTS_WITH_PERSONS
                    || question == AiActQuestion.DEPLOYER_IS_PUBLIC_BODY));
        }
        return form.field("legalQuestions", "Quelle base légale pour l'entraînement ?").field("consent", "true")
                .field("submissionKey", newSubmissionKey());
    }

    /** A submission key as the form page gives one: each filled-in form has its own. */
    static String newSubmissionKey() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The fields the error summary links to, in its order. */
    static List<String> summaryTargets(String page) {
        int start = page.indexOf("class=\"error-summary\"");
        assertThat(start).as("an error summary").isNotNegative();
        String summary = page.substring(start, page.indexOf("</div>", start));
        List<String> targets = new ArrayList<>();
        Matcher link = Pattern.compile("<a href=\"#([^\"]+)\">").matcher(summary);
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    static void assertPrivate(HttpResponse<String> page) {
        assertThat(page.body()).contains(NO_REFERRER);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Text as Thymeleaf escapes it. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    void executeJobs(String processInstanceId) {
        EngineJobs.runDue(managementService, processInstanceId);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> post(String path, Multipart form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", form.contentType())
                .POST(form.body()).build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
                    .isLessThan(500);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/form-data body as a browser sends it; an empty file input sends a part without a name. */
    static final class Multipart {

        private record Part(String name, String fileName, byte[] content) {
        }

        private final String boundary = "----PortalTests" + UUID.randomUUID();
        private final List<Part> parts = new ArrayList<>();

        Multipart field(String name, String value) {
            parts.add(new Part(name, null, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** Replaces every value of the field. */
        Multipart set(String name, String value) {
            parts.removeIf(part -> part.name().equals(name));
            return field(name, value);
        }

        Multipart file(String name, String fileName, byte[] content) {
            parts.add(new Part(name, fileName, content));
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        HttpRequest.BodyPublisher body() {
            return HttpRequest.BodyPublishers.ofByteArray(bytes());
        }

        byte[] bytes() {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (Part part : parts) {
                String headers = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
                        + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"\r\nContent-Type: "
                                + (part.fileName().isEmpty() ? "application/octet-stream" : "application/pdf"))
                        + "\r\n\r\n";
                body.writeBytes(headers.getBytes(StandardCharsets.UTF_8));
                body.writeBytes(part.content());
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return body.toByteArray();
        }
    }
}
