package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.Applications;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.document.UploadedFile;
import fr.bacasable.testsupport.EngineJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The Camunda Forms of the completeness check and of the two reviews, as programme managers and
 * reviewers use them in French Tasklist, in a real headless Chromium: what the forms show and
 * hide, what form-js lets through, and what ends up stored. Each test submits its own application
 * (jobs do not run by themselves in tests: they are executed here). Screenshots of each step land
 * in {@code target/screenshots/ReviewFormsBrowserTests-*.png}, with the page source too on
 * failure; English texts found in the forms are listed in
 * {@code target/screenshots/ReviewFormsBrowserTests-english.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Tag(BrowserSuite.TAG)
@ExtendWith(BrowserSuite.class)
class ReviewFormsBrowserTests {

    static final String PASSWORD = "it-Secret-42";
    static final String TASKLIST = "/camunda/app/tasklist/default/";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String FRENCH_BROWSER = "fr-FR,fr";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    static final By USERNAME = By.cssSelector("input[placeholder='Identifiant']");
    static final By PASSWORD_FIELD = By.cssSelector("input[placeholder='Mot de passe']");
    static final By LOG_IN = By.xpath("//button[normalize-space()='Se connecter']");
    static final By FORM = By.cssSelector("[cam-tasklist-form] .fjs-container");
    static final By COMPLETE = By.xpath("//div[contains(@class,'form-actions')]//button[normalize-space()='Terminer']");
    static final By CLAIM = By.xpath(
            "//*[@cam-tasklist-task-meta]//*[self::a or self::button][normalize-space()='Prendre en charge']");
    static final String FIELD_ERRORS = "[cam-tasklist-form] .fjs-form-field-error";

    static final String COMPLETENESS_TASK = "Task_CheckCompleteness";
    static final String LEGAL_TASK = "Task_ReviewLegal";
    static final String TECHNICAL_TASK = "Task_ReviewTechnical";

    /** Criteria of the review forms: component id suffix, label, score chosen in the legal review, its justification. */
    record Criterion(String component, String label, String choice, BigDecimal stored, String column, String why) {
    }

    static final List<Criterion> CRITERIA = List.of(
            new Criterion("Relevance", "Pertinence de l'usage de l'IA pour le service public : note sur 5", "4",
                    new BigDecimal("4.0"), "relevance", "Usage de l'IA clairement utile aux agents de l'état civil."),
            new Criterion("DataProtectionInterest",
                    "Intérêt pour la protection des données (questions nouvelles utiles à tous) : note sur 5", "3,5",
                    new BigDecimal("3.5"), "data_protection_interest", "Base légale de l'entraînement à préciser."),
            new Criterion("Quality", "Qualité technique et juridique du projet : note sur 5", "4",
                    new BigDecimal("4.0"), "quality", "Dossier solide, AIPD engagée."),
            new Criterion("Impact", "Impact et potentiel de généralisation : note sur 5", "3",
                    new BigDecimal("3.0"), "impact", "Généralisable aux communes de taille comparable."));

    static final List<String> SCORE_OPTIONS = List.of("0", "0,5", "1", "1,5", "2", "2,5", "3", "3,5", "4", "4,5", "5");

    /** English that form-js or the forms could leave in front of a French user. */
    static final List<String> ENGLISH = List.of("Select", "Search", "No results", "Field is required",
            "Field must", "characters", "Submit", "Reset", "Please", "invalid", "required", "Yes", "No", "Choose",
            "Complete", "Claim", "Comments");

    private static final Logger LOG = LoggerFactory.getLogger(ReviewFormsBrowserTests.class);

    @LocalServerPort
    int port;
    @Autowired
    IntakeService intake;
    @Autowired
    CampaignService campaigns;
    @Autowired
    ApplicationDirectory applications;
    @Autowired
    ManagementService managementService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;

    WebDriver browser;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = BrowserSuite.evidenceOnFailure(() -> browser);

    @BeforeAll
    static void newEnglishReport() throws IOException {
        Files.deleteIfExists(BrowserSuite.EVIDENCE.resolve(ReviewFormsBrowserTests.class.getSimpleName() + "-english.txt"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    /**
     * The manager opens the completeness check from "Gestion du programme", follows the link to the
     * case page without logging in again, comes back, answers "Non": the request text appears and
     * is required; with it the task completes and the applicant is asked for more.
     */
    @Test
    void managerAsksTheApplicantForMoreInformation() {
        ApplicationDetails application = submitApplication("Assistant IA pour l'état civil (compléments)");
        String reference = application.reference();
        Task task = openTask(application, COMPLETENESS_TASK);

        openBrowser();
        logIn("manager");
        assertThat(BrowserSuite.tasklistFilterNames(browser)).contains("Gestion du programme");
        openFilter("Gestion du programme");
        WebElement card = taskCard(task);
        assertThat(card.getText()).contains("Vérifier la complétude", "Instruction d'une candidature");
        assertThat(cardNames()).as("tasks listed under Gestion du programme").contains("Vérifier la complétude");
        click(card.findElement(By.cssSelector("h4.task a")));
        WebElement form = claimAndWaitForForm();

        assertThat(form.getText()).contains("Vérifier la complétude de la candidature " + reference,
                "Ouvrir le dossier " + reference, "Le dossier est-il complet ?", "Oui, lancer l'instruction",
                "Non, demander des compléments au candidat");
        WebElement link = form.findElement(By.xpath(".//a[normalize-space()='Ouvrir le dossier " + reference + "']"));
        assertThat(link.getAttribute("href")).as("link to the case page").isEqualTo(url("/cases/" + reference));
        assertThat(fieldLabels()).as("request field before an answer").doesNotContain("Compléments demandés au candidat");
        assertNoEnglish("completeness form", form);
        screenshot("completeness-form");

        String tasklistWindow = browser.getWindowHandle();
        Set<String> windowsBefore = browser.getWindowHandles();
        String target = link.getAttribute("target");
        link.click();
        boolean newWindow = switchToNewWindowIfAny(windowsBefore);
        LOG.warn("The case page link (target={}) opened {}", target, newWindow ? "in a new tab" : "in the Tasklist tab itself");
        WebElement heading = waitFor("the case page").until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
        assertThat(browser.getCurrentUrl()).as("no second login").doesNotContain("/staff/login")
                .endsWith("/cases/" + reference);
        assertThat(heading.getText()).isEqualTo("Dossier " + reference);
        assertThat(pageText()).contains("Assistant IA pour l'état civil (compléments)", "aipd-projet.pdf");
        screenshot("completeness-case-page");
        if (newWindow) {
            browser.close();
            browser.switchTo().window(tasklistWindow);
        } else {
            browser.navigate().back();
        }

        form = waitFor("the completeness form again").until(ExpectedConditions.visibilityOfElementLocated(FORM));
        waitFor("the form to be editable").until(ExpectedConditions.elementToBeClickable(COMPLETE));
        chooseRadio("Field_Completeness", "Non, demander des compléments au candidat");
        WebElement request = input("Field_InformationRequest");
        assertThat(label("Field_InformationRequest")).isEqualTo("Compléments demandés au candidat");
        assertThat(form.getText()).contains("Texte envoyé au candidat par courriel et affiché sur sa page de suivi.");
        assertThat(request.getAttribute("value")).isEmpty();

        cannotComplete(task, 1);
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.SUBMITTED);
        assertNoEnglish("completeness form, empty request refused", form);
        screenshot("completeness-empty-request-refused");

        String text = "Merci de joindre l'analyse d'impact (AIPD) signée et le budget détaillé du projet.";
        request.sendKeys(text);
        assertThat(browser.switchTo().activeElement()).as("still typing in the request").isEqualTo(request);
        assertThat(browser.findElement(COMPLETE).isEnabled()).as("Terminer while the field still has the focus").isTrue();
        screenshot("completeness-request-filled");
        complete(task);
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
        screenshot("completeness-completed");

        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.AWAITING_APPLICANT);
        assertThat(intake.findByReference(reference)).get().extracting(ApplicationDetails::status)
                .isEqualTo(ApplicationStatus.AWAITING_APPLICANT);
        List<Map<String, Object>> requests = jdbc.sql("SELECT message, requested_by FROM information_request "
                + "WHERE application_id = :id").param("id", application.id()).query().listOfRows();
        assertThat(requests).singleElement().satisfies(row -> {
            assertThat(row.get("MESSAGE")).isEqualTo(text);
            assertThat(row.get("REQUESTED_BY")).isEqualTo("manager");
        });
    }

    /**
     * The manager confirms a complete application: both reviews open. The legal reviewer takes the
     * legal review, declares no conflict, scores the four criteria with their justifications.
     */
    @Test
    void legalReviewerScoresAnApplication() {
        ApplicationDetails application = submitApplication("Assistant IA pour l'état civil (revue juridique)");
        String reference = application.reference();
        Task completeness = openTask(application, COMPLETENESS_TASK);

        openBrowser();
        logIn("manager");
        BrowserSuite.tasklistFilterNames(browser);
        openFilter("Gestion du programme");
        click(taskCard(completeness).findElement(By.cssSelector("h4.task a")));
        claimAndWaitForForm();
        chooseRadio("Field_Completeness", "Oui, lancer l'instruction");
        assertThat(fieldLabels()).doesNotContain("Compléments demandés au candidat");
        screenshot("legal-completeness-yes");
        complete(completeness);
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
        assertThat(applications.get(application.id()).status()).isEqualTo(ApplicationStatus.UNDER_REVIEW);
        Task legalTask = openTask(application, LEGAL_TASK);
        openTask(application, TECHNICAL_TASK);
        browser.quit();

        openBrowser();
        logIn("legal");
        assertThat(BrowserSuite.tasklistFilterNames(browser)).contains("Mes revues juridiques");
        openFilter("Mes revues juridiques");
        WebElement card = taskCard(legalTask);
        assertThat(card.getText()).as("the reviewer's card: the application, not the priority")
                .contains("Réaliser la revue juridique", "Échéance dans", "Candidature", reference)
                .doesNotContainPattern("(?m)^\\s*50\\s*$");
        assertThat(card.findElements(By.cssSelector(".priority"))).noneMatch(WebElement::isDisplayed);
        click(card.findElement(By.cssSelector("h4.task a")));
        WebElement form = claimAndWaitForForm();

        assertThat(form.getText()).contains("Revue juridique de la candidature " + reference, "Ouvrir le dossier " + reference,
                "Avez-vous un conflit d'intérêts avec ce projet ou l'organisme candidat ?", "Non",
                "Oui, je ne peux pas réaliser cette revue");
        assertThat(form.findElement(By.xpath(".//a[normalize-space()='Ouvrir le dossier " + reference + "']"))
                .getAttribute("href")).isEqualTo(url("/cases/" + reference));
        assertThat(fieldLabels()).as("fields before the conflict question is answered")
                .containsExactly("Avez-vous un conflit d'intérêts avec ce projet ou l'organisme candidat ?");
        screenshot("legal-review-form");

        chooseRadio("Field_ConflictOfInterest", "Non");
        assertThat(form.getText()).contains("Notation",
                "Chaque critère est noté de 0 à 5 par demi-points, avec une justification qui sera communiquée au candidat");
        List<String> expectedLabels = new ArrayList<>(List.of(
                "Avez-vous un conflit d'intérêts avec ce projet ou l'organisme candidat ?"));
        for (Criterion criterion : CRITERIA) {
            expectedLabels.add(criterion.label());
            expectedLabels.add("Justification de la note « "
                    + criterion.label().substring(0, criterion.label().indexOf(" : note sur 5")) + " »");
        }
        expectedLabels.add("Remarques libres (facultatif)");
        assertThat(fieldLabels()).as("fields once 'Non' is chosen").containsExactlyElementsOf(expectedLabels);
        assertNoEnglish("legal review form, no conflict", form);
        screenshot("legal-review-scores-shown");

        cannotComplete(legalTask, 8);
        assertNoEnglish("legal review form, empty scores refused", form);
        screenshot("legal-review-empty-refused");

        for (Criterion criterion : CRITERIA) {
            assertThat(chooseScore("Field_" + criterion.component() + "Score", criterion.choice()))
                    .as("scores offered for %s", criterion.component()).containsExactlyElementsOf(SCORE_OPTIONS);
            input("Field_" + criterion.component() + "Justification").sendKeys(criterion.why());
        }
        input("Field_Remarks").sendKeys("Projet à suivre pour la question de la base légale.");
        assertThat(visibleTexts(FIELD_ERRORS)).as("errors left once everything is filled").isEmpty();
        waitFor("Terminer to be enabled again").until(ExpectedConditions.elementToBeClickable(COMPLETE));
        screenshot("legal-review-filled");
        complete(legalTask);
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
        screenshot("legal-review-completed");

        Map<String, Object> review = jdbc.sql("SELECT * FROM review WHERE application_id = :id AND kind = 'LEGAL'")
                .param("id", application.id()).query().singleRow();
        assertThat(review.get("REVIEWER")).isEqualTo("legal");
        for (Criterion criterion : CRITERIA) {
            assertThat((BigDecimal) review.get((criterion.column() + "_score").toUpperCase()))
                    .as("stored score of %s", criterion.component()).isEqualByComparingTo(criterion.stored());
            assertThat(review.get((criterion.column() + "_justification").toUpperCase()))
                    .as("stored justification of %s", criterion.component()).isEqualTo(criterion.why());
        }
        assertThat(review.get("REMARKS")).isEqualTo("Projet à suivre pour la question de la base légale.");
        Map<String, Object> submitted = submittedValues(application, "legalRelevanceScore",
                "legalDataProtectionInterestScore", "legalConflictOfInterest");
        LOG.warn("Values the legal review form submitted (type: value): {}", submitted);
        assertThat(submitted.get("legalDataProtectionInterestScore")).as("half point as form-js sent it")
                .isEqualTo("string: 3.5");

        // Review done, the reviewer has no task left on this application: its case page is closed to them.
        browser.get(url("/cases/" + reference));
        assertThat(waitFor("the case page").until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .as("case page for the legal reviewer once the review is done").isEqualTo("Accès refusé");
        assertThat(pageText()).contains("un relecteur n'ouvre que le dossier d'une tâche qu'il peut traiter");
        screenshot("legal-case-page-refused");
    }

    /**
     * The technical reviewer declares a conflict of interest: only the optional details are
     * asked, the task completes, the managers are told, and the task put back for the group is
     * no longer offered to this reviewer.
     */
    @Test
    void technicalReviewerDeclaresAConflict() {
        ApplicationDetails application = submitApplication("Assistant IA pour l'état civil (conflit)");
        String reference = application.reference();
        confirmComplete(application);
        Task technicalTask = openTask(application, TECHNICAL_TASK);

        openBrowser();
        logIn("tech");
        assertThat(BrowserSuite.tasklistFilterNames(browser)).contains("Mes revues techniques");
        openFilter("Mes revues techniques");
        WebElement card = taskCard(technicalTask);
        assertThat(card.getText()).contains("Réaliser la revue technique");
        click(card.findElement(By.cssSelector("h4.task a")));
        WebElement form = claimAndWaitForForm();
        assertThat(form.getText()).contains("Revue technique de la candidature " + reference);

        chooseRadio("Field_ConflictOfInterest", "Oui, je ne peux pas réaliser cette revue");
        assertThat(fieldLabels()).as("fields once 'Oui' is chosen").containsExactly(
                "Avez-vous un conflit d'intérêts avec ce projet ou l'organisme candidat ?",
                "Nature du conflit (facultatif, transmise aux gestionnaires du programme)");
        assertThat(form.getText()).doesNotContain("Notation", "note sur 5");
        assertNoEnglish("technical review form, conflict", form);
        screenshot("technical-conflict");
        input("Field_ConflictDetails").sendKeys("J'ai conseillé la Ville de Lyon sur ce projet en 2025.");
        complete(technicalTask);
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
        screenshot("technical-conflict-completed");

        assertThat(jdbc.sql("SELECT reviewer, details FROM review_conflict WHERE application_id = :id AND kind = 'TECHNICAL'")
                .param("id", application.id()).query().listOfRows()).singleElement().satisfies(row -> {
                    assertThat(row.get("REVIEWER")).isEqualTo("tech");
                    assertThat(row.get("DETAILS")).isEqualTo("J'ai conseillé la Ville de Lyon sur ce projet en 2025.");
                });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM review WHERE application_id = :id").param("id", application.id())
                .query(Integer.class).single()).as("reviews stored").isZero();
        assertThat(jdbc.sql("SELECT recipient FROM outbox_message WHERE application_id = :id AND template = 'CONFLICT_DECLARED'")
                .param("id", application.id()).query(String.class).list()).as("managers told of the conflict").isNotEmpty();

        runJobs(application);
        Task again = openTask(application, TECHNICAL_TASK);
        assertThat(again.getId()).as("the technical review, put back for the group").isNotEqualTo(technicalTask.getId());
        assertThat(again.getAssignee()).isNull();
        browser.navigate().refresh();
        BrowserSuite.tasklistFilterNames(browser);
        openFilter("Mes revues techniques");
        pause(Duration.ofSeconds(2));
        List<String> visible = visibleTaskIds();
        List<String> ofThisApplication = taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .list().stream().map(Task::getId).toList();
        assertThat(visible).as("tasks of this application offered to tech").doesNotContainAnyElementsOf(ofThisApplication);
        screenshot("technical-conflict-task-gone");
    }

    // ---- the application and its process ----

    private ApplicationDetails submitApplication(String projectTitle) {
        String campaignId = campaigns.listPublic().stream().filter(Campaign::acceptsApplications).findFirst()
                .orElseThrow(() -> new AssertionError("no campaign open to applications")).id();
        String reference = intake.submit(campaignId, Applications.submission(projectTitle),
                List.of(new UploadedFile("aipd-projet.pdf", PDF))).reference();
        ApplicationDetails application = intake.findByReference(reference).orElseThrow();
        runJobs(application);
        return applications.get(application.id());
    }

    /** Executes the due jobs of the application's process, as the job executor would, until none is left. */
    private void runJobs(ApplicationDetails application) {
        EngineJobs.runDue(managementService, application.processInstanceId());
    }

    /** The one open task of this kind of the application's process; fails when the model did not get there. */
    private Task openTask(ApplicationDetails application, String taskKey) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(application.reference())
                .taskDefinitionKey(taskKey).list();
        assertThat(tasks).as("open %s of %s", taskKey, application.reference()).hasSize(1);
        return tasks.get(0);
    }

    /** The completeness check confirmed by a programme manager without the browser. */
    private void confirmComplete(ApplicationDetails application) {
        Task task = openTask(application, COMPLETENESS_TASK);
        identityService.setAuthentication("manager", List.of("programme-managers"));
        try {
            taskService.claim(task.getId(), "manager");
            taskService.complete(task.getId(), Map.of("completeness", "COMPLETE"));
        } finally {
            identityService.clearAuthentication();
        }
        runJobs(application);
    }

    /** The type and value the form sent for each field, as the history kept them. */
    private Map<String, Object> submittedValues(ApplicationDetails application, String... names) {
        Map<String, Object> values = new LinkedHashMap<>();
        String[] processes = historyService.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(application.reference()).list().stream()
                .map(HistoricProcessInstance::getId).toArray(String[]::new);
        for (String name : names) {
            List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
                    .processInstanceIdIn(processes).variableName(name).includeDeleted().list();
            values.put(name, variables.isEmpty() ? "(not kept)" : variables.get(0).getTypeName() + ": "
                    + variables.get(0).getValue());
        }
        return values;
    }

    // ---- Tasklist ----

    private void openBrowser() {
        browser = BrowserSuite.newDriver();
        String userAgent = (String) ((JavascriptExecutor) browser).executeScript("return navigator.userAgent");
        ((HasCdp) browser).executeCdpCommand("Emulation.setUserAgentOverride",
                Map.of("userAgent", userAgent, "acceptLanguage", FRENCH_BROWSER));
    }

    private void logIn(String userId) {
        browser.get(url(TASKLIST));
        waitFor("the French login form").until(ExpectedConditions.visibilityOfElementLocated(USERNAME)).sendKeys(userId);
        browser.findElement(PASSWORD_FIELD).sendKeys(PASSWORD);
        browser.findElement(LOG_IN).click();
    }


    private void openFilter(String name) {
        browser.findElement(By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='" + name + "']"))
                .click();
        waitFor("the filter " + name + " to be active").until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'task-filter') and contains(@class,'active')]//a[normalize-space(text())='" + name
                        + "']")));
    }

    /** The card of this task in the list of the current filter. */
    private WebElement taskCard(Task task) {
        return waitFor("the task " + task.getName() + " in the list").until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//ol[contains(@class,'tasks-list')]/li[.//h4//a[contains(@href,'task=" + task.getId() + "')]]")));
    }

    private List<String> cardNames() {
        return visibleTexts(".tasks-list li.task h4.task a");
    }

    private List<String> visibleTaskIds() {
        return browser.findElements(By.cssSelector(".tasks-list li.task h4.task a")).stream()
                .map(link -> link.getAttribute("href").replaceAll(".*[?&]task=([^&]+).*", "$1")).toList();
    }

    /** Claims the opened task ("Prendre en charge") and waits for its Camunda Form, editable. */
    private WebElement claimAndWaitForForm() {
        waitFor("the form of the task").until(ExpectedConditions.visibilityOfElementLocated(FORM));
        waitFor("the claim link").until(ExpectedConditions.elementToBeClickable(CLAIM)).click();
        waitFor("Terminer to be enabled once claimed").until(ExpectedConditions.elementToBeClickable(COMPLETE));
        return waitFor("the form, editable").until(ExpectedConditions.visibilityOfElementLocated(FORM));
    }

    /**
     * Clicks "Terminer" and waits until the engine no longer has the task; fails at once with any
     * error Tasklist shows (notifications of earlier attempts are closed first).
     */
    private void complete(Task task) {
        dismissNotifications();
        click(browser.findElement(COMPLETE));
        String outcome = waitFor("the task " + task.getName() + " to complete").until(driver -> {
            if (taskService.createTaskQuery().taskId(task.getId()).count() == 0) {
                return "completed";
            }
            List<String> errors = visibleTexts(".alert-danger");
            List<String> fieldErrors = visibleTexts("[cam-tasklist-form] .fjs-form-field-error");
            return errors.isEmpty() ? null : "error: " + errors + " " + fieldErrors;
        });
        assertThat(outcome).as("completion of %s in Tasklist", task.getName()).isEqualTo("completed");
    }

    /**
     * "Terminer" with required fields left empty: form-js shows at least {@code expectedErrors} field errors,
     * in French, and the first one is brought into view; Tasklist shows no notification (which would cover the
     * button), "Terminer" stays enabled and the task stays open.
     */
    private void cannotComplete(Task task, int expectedErrors) {
        dismissNotifications();
        click(waitFor("Terminer to be enabled").until(ExpectedConditions.elementToBeClickable(COMPLETE)));
        List<String> errors = waitFor(expectedErrors + " field errors").until(driver -> {
            List<String> texts = visibleTexts(FIELD_ERRORS);
            return texts.size() >= expectedErrors ? texts : null;
        });
        pause(Duration.ofSeconds(1));
        assertThat(errors).as("field errors").allMatch(error -> error.equals("Ce champ est obligatoire."));
        assertThat(notifications()).as("notifications").isEmpty();
        assertThat(browser.findElement(COMPLETE).isEnabled()).as("Terminer after a refusal").isTrue();
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript("""
                const box = document.querySelector('[cam-tasklist-form] .fjs-has-errors').getBoundingClientRect();
                return box.top >= 0 && box.bottom <= window.innerHeight;
                """)).as("the first field in error in view").isTrue();
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
    }

    /** Scrolls the element to the middle of its pane first: the page footer covers the bottom of the task pane. */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private List<String> notifications() {
        return visibleTexts("[cam-notifications] .alert, .notifications .alert");
    }

    private void dismissNotifications() {
        ((JavascriptExecutor) browser).executeScript("""
                document.querySelectorAll('.alert .close, .alert button.close').forEach(button => button.click());
                """);
        waitFor("notifications to close").until(driver -> notifications().isEmpty());
    }

    // ---- Camunda Forms (form-js) ----

    /** The input of a form-js field, by its component id in the .form file. */
    private WebElement input(String componentId) {
        return waitFor("the field " + componentId).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[cam-tasklist-form] .fjs-container [id$='-" + componentId + "']")));
    }

    private String label(String componentId) {
        String id = input(componentId).getAttribute("id");
        return browser.findElement(By.cssSelector("[cam-tasklist-form] label[for='" + id + "']")).getText()
                .replaceAll("\\s*\\*\\s*$", "").trim();
    }

    /** The labels of the fields the form shows now, in order (radio options excluded). */
    private List<String> fieldLabels() {
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('[cam-tasklist-form] .fjs-container .fjs-form-field'))
                    .filter(field => !field.classList.contains('fjs-form-field-text'))
                    .map(field => field.querySelector('label, .fjs-form-field-label'))
                    .filter(label => label && label.offsetParent !== null)
                    .map(label => label.textContent.replace(/\\s*\\*\\s*$/, '').trim());
                """);
        return labels;
    }

    private void chooseRadio(String componentId, String option) {
        WebElement field = waitFor("the radio " + componentId).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[@cam-tasklist-form]//div[contains(@class,'fjs-form-field-radio')]"
                        + "[.//input[contains(@id,'-" + componentId + "')]]")));
        field.findElement(By.xpath(".//label[normalize-space()=\"" + option + "\"]")).click();
        WebElement radio = browser.findElement(By.id(field.findElement(By.xpath(".//label[normalize-space()=\"" + option
                + "\"]")).getAttribute("for")));
        waitFor(option + " to be checked").until(driver -> radio.isSelected());
    }

    /** Opens a form-js select, chooses the option, and returns all the options its dropdown offered. */
    private List<String> chooseScore(String componentId, String option) {
        click(selectGroup(componentId));
        List<String> options = waitFor("the options of " + componentId).until(driver -> {
            List<String> texts = visibleTexts("[cam-tasklist-form] .fjs-dropdownlist .fjs-dropdownlist-item");
            return texts.isEmpty() ? null : texts;
        });
        WebElement item = waitFor("the option " + option + " of " + componentId)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.xpath("//*[@cam-tasklist-form]//div[contains(@class,'fjs-dropdownlist')]"
                                + "//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']")));
        // The dropdown scrolls smoothly inside the scrolling task pane: bring the option into view at once first.
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'nearest', behavior: 'instant'});", item);
        item.click();
        WebElement display = browser.findElement(By.cssSelector("[cam-tasklist-form] [id$='-" + componentId + "-display']"));
        waitFor(componentId + " to show " + option).until(driver -> display.getText().trim().equals(option));
        return options;
    }

    private WebElement selectGroup(String componentId) {
        return waitFor("the select " + componentId).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@cam-tasklist-form]//div[contains(@class,'fjs-input-group')][./div[contains(@id,'-" + componentId
                        + "-display')]]")));
    }

    /** Fails on any English text of {@link #ENGLISH} that the form shows, in its text or its placeholders and tooltips. */
    private void assertNoEnglish(String where, WebElement form) {
        @SuppressWarnings("unchecked")
        List<String> attributes = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(arguments[0].querySelectorAll('[placeholder], [title], [aria-label]'))
                    .flatMap(e => ['placeholder', 'title', 'aria-label']
                        .map(name => e.getAttribute(name)).filter(value => value));
                """, form);
        String readable = form.getText() + "\n" + String.join("\n", attributes);
        Set<String> found = new LinkedHashSet<>();
        for (String english : ENGLISH) {
            var matcher = Pattern.compile("(?m)^.*\\b" + Pattern.quote(english) + "\\b.*$").matcher(readable);
            while (matcher.find()) {
                found.add(matcher.group().trim());
            }
        }
        assertThat(found).as("English in the %s", where).isEmpty();
    }

    // ---- helpers ----

    private boolean switchToNewWindowIfAny(Set<String> before) {
        pause(Duration.ofMillis(500));
        Set<String> now = new LinkedHashSet<>(browser.getWindowHandles());
        now.removeAll(before);
        if (now.isEmpty()) {
            return false;
        }
        browser.switchTo().window(now.iterator().next());
        return true;
    }

    /** Texts of the visible elements matching the CSS selector, read at once (elements come and go). */
    private List<String> visibleTexts(String css) {
        return BrowserSuite.visibleTexts(browser, css);
    }

    private String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void screenshot(String step) {
        try {
            Files.createDirectories(BrowserSuite.EVIDENCE);
            Files.write(BrowserSuite.EVIDENCE.resolve(getClass().getSimpleName() + "-" + step + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FluentWait<WebDriver> waitFor(String what) {
        return new WebDriverWait(browser, TIMEOUT).withMessage(what);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
