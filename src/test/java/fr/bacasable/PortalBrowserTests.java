package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.application.Applications;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assumptions;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The portal's application form in a real headless Chromium: a double click and the back button
 * then "Déposer" again create one application; a file over 10 MB is named before sending, and
 * refused within the portal's layout with the answers kept when the browser does not check it;
 * axe-core finds no serious or critical accessibility violation on the form and the tracking page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(BrowserSuite.class)
@Tag(BrowserSuite.TAG)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTests {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final By SUBMIT = By.id("submission");
    static final String CONFIRMATION = "/candidature/confirmation";
    static final List<String> BLOCKING_IMPACTS = List.of("serious", "critical");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine processEngine;

    WebDriver browser;
    String campaignId;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = BrowserSuite.evidenceOnFailure(() -> browser);

    @BeforeAll
    void openBrowser() {
        browser = BrowserSuite.newDriver();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshCookiesAndTheDemoCampaign() {
        browser.manage().deleteAllCookies();
        campaignId = campaigns.listPublic().stream()
                .filter(campaign -> campaign.title().equals(CampaignService.DEMO_CAMPAIGN_TITLE))
                .map(Campaign::id).findFirst().orElseThrow();
    }

    @Test
    void doubleClickOnDeposerCreatesOneApplication() {
        openFilledForm("Double clic");
        long before = applications();
        postsSent();

        new Actions(browser).doubleClick(browser.findElement(SUBMIT)).perform();

        assertThat(confirmationPage()).contains("Candidature déposée", "/suivi/");
        assertThat(applications()).isEqualTo(before + 1);
        assertThat(postsSent()).as("the button is disabled after the first click").isEqualTo(1);
    }

    @Test
    void doubleClickWithoutTheScriptStillCreatesOneApplication() {
        openFilledForm("Double clic sans script");
        script("document.querySelector('form[data-submit-once]').removeAttribute('data-submit-once');");
        long before = applications();

        postsSent();

        new Actions(browser).doubleClick(browser.findElement(SUBMIT)).perform();

        assertThat(confirmationPage()).contains("Candidature déposée", "/suivi/");
        assertThat(applications()).isEqualTo(before + 1);
        Assumptions.assumeThat(postsSent()).as("the browser sent the form twice (a faster page may leave it one)")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void backThenDeposerAgainShowsTheFirstConfirmation() {
        openFilledForm("Retour puis nouveau dépôt");
        long before = applications();
        browser.findElement(SUBMIT).click();
        String first = referenceOn(confirmationPage());

        browser.navigate().back();
        new WebDriverWait(browser, TIMEOUT).until(driver -> !driver.findElements(SUBMIT).isEmpty()
                && driver.findElement(SUBMIT).isEnabled());
        browser.findElement(SUBMIT).click();

        String again = confirmationPage();
        assertThat(again).contains("Ce formulaire avait déjà été envoyé", "/suivi/");
        assertThat(referenceOn(again)).isEqualTo(first);
        assertThat(applications()).isEqualTo(before + 1);
    }

    @Test
    void fileOverTenMegabytesIsNamedBeforeSendingAndRefusedInTheLayoutWithTheAnswersKept() throws IOException {
        openFilledForm("Fichier trop lourd");
        Path large = Files.createTempFile("gros-", ".pdf");
        try {
            Files.write(large, new byte[20 * 1024 * 1024]);
            long before = applications();
            browser.findElement(By.id("documents")).sendKeys(large.toString());

            browser.findElement(SUBMIT).click();

            assertThat(browser.findElement(By.id("documents-size-error")).getText())
                    .startsWith("Le fichier « " + large.getFileName() + " » dépasse 10 Mo (20 Mo)");
            assertThat(browser.getCurrentUrl()).endsWith("/candidature");
            assertThat(script("return document.activeElement.id;")).isEqualTo("documents");

            script("document.getElementById('documents').removeAttribute('data-max-bytes');");
            browser.findElement(SUBMIT).click();

            new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getTitle().startsWith("Erreur"));
            assertThat(browser.findElement(By.cssSelector(".error-summary")).getText())
                    .contains("Le fichier « " + large.getFileName() + " » dépasse 10 Mo.");
            assertThat(browser.findElement(By.cssSelector(".site-header")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("organisationName")).getDomProperty("value"))
                    .isEqualTo("Fichier trop lourd");
            assertThat(applications()).isEqualTo(before);
        } finally {
            Files.delete(large);
        }
    }

    @Test
    void formAndTrackingPageHaveNoSeriousAccessibilityViolation() {
        browser.get(url("/campagnes/" + campaignId + "/candidature"));
        List<String> violations = new ArrayList<>(blockingViolations("empty form"));
        browser.findElement(SUBMIT).click();
        new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getTitle().startsWith("Erreur"));
        violations.addAll(blockingViolations("form with errors"));

        openFilledForm("Accessibilité");
        browser.findElement(SUBMIT).click();
        confirmationPage();
        violations.addAll(blockingViolations("confirmation"));
        String reference = referenceOn(browser.getPageSource());
        String tracking = browser.findElement(By.linkText("Suivre ma candidature")).getDomAttribute("href");
        Applications.requestInformation(processEngine, reference);
        browser.get(url(URI.create(tracking).getPath()));
        assertThat(browser.findElement(By.id("open-request-title")).getText()).isEqualTo("Demande de compléments");
        violations.addAll(blockingViolations("tracking page with a request for information"));

        assertThat(violations).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The application form, every question answered as an eligible local authority would. */
    void openFilledForm(String organisation) {
        browser.get(url("/campagnes/" + campaignId + "/candidature"));
        script("""
                const form = document.querySelector('form[data-submit-once]');
                const type = (name, value) => { form.elements[name].value = value; };
                const choose = (name, value) => {
                  form.querySelector(`input[name="${name}"][value="${value}"]`).checked = true;
                };
                type('organisationName', arguments[0]);
                type('siret', '216 901 231 00011');
                type('contactName', 'Alice Martin');
                type('contactEmail', 'alice.martin@example.org');
                type('contactPhone', '04 72 10 30 30');
                type('projectTitle', 'Assistant IA pour l\\'état civil');
                type('projectSummary', 'Un assistant conversationnel pour les demandes d\\'actes.');
                type('publicServiceDomain', 'SOCIAL');
                type('legalQuestions', 'Quelle base légale pour l\\'entraînement ?');
                choose('applicantType', 'LOCAL_AUTHORITY');
                choose('projectStage', 'PILOT');
                choose('usesAi', 'true');
                choose('aiTechniques', 'GENERATIVE');
                choose('processesPersonalData', 'true');
                choose('personalDataCategories', 'IDENTITY');
                choose('aiAct.prohibitedPractice', 'NONE');
                choose('aiAct.annexIiiArea', 'NONE');
                form.querySelectorAll('input[type=radio][value=false]').forEach(radio => {
                  if (!form.querySelector(`input[name="${radio.name}"]:checked`)) radio.checked = true;
                });
                document.getElementById('consent').checked = true;
                """, organisation);
    }

    String confirmationPage() {
        new WebDriverWait(browser, TIMEOUT).until(driver -> driver.getCurrentUrl().endsWith(CONFIRMATION));
        return browser.getPageSource();
    }

    /** How many requests the page posted since the previous call (reads the browser's performance log). */
    long postsSent() {
        return browser.manage().logs().get("performance").getAll().stream()
                .filter(entry -> entry.getMessage().contains("\"Network.requestWillBeSent\"")
                        && entry.getMessage().contains("\"method\":\"POST\""))
                .count();
    }

    static String referenceOn(String page) {
        int start = page.indexOf("<p class=\"reference\">") + "<p class=\"reference\">".length();
        return page.substring(start, page.indexOf("</p>", start));
    }

    /** axe-core's serious and critical violations on the page, as "page: rule (impact) on targets". */
    List<String> blockingViolations(String page) {
        script(axeSource());
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(results => done(JSON.stringify(results.violations)), error => done('error: ' + error));");
        assertThat(String.valueOf(result)).as("axe-core ran on the %s", page).doesNotStartWith("error");
        List<String> found = new ArrayList<>();
        try {
            for (JsonNode violation : JSON.readTree(String.valueOf(result))) {
                if (BLOCKING_IMPACTS.contains(violation.path("impact").asText())) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                    found.add(page + ": " + violation.path("id").asText() + " (" + violation.path("impact").asText()
                            + ") on " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String axeSource() {
        try (InputStream axe = PortalBrowserTests.class.getResourceAsStream("/axe.min.js")) {
            assertThat(axe).as("axe.min.js of com.deque.html.axe-core:selenium on the test class path").isNotNull();
            return new String(axe.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(source, arguments);
    }

    long applications() {
        return jdbc.sql("SELECT COUNT(*) FROM application").query(Long.class).single();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
