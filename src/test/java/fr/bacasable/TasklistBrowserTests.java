package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.shared.ProgrammeTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * What staff see in Camunda Tasklist, in a real headless Chromium: their group's filters, the
 * campaign publication start form and its French error, and the refused login of inspection.
 * On failure a screenshot and the page source land in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Tag(BrowserSuite.TAG)
@ExtendWith(BrowserSuite.class)
class TasklistBrowserTests {

    static final String PASSWORD = "it-Secret-42";
    static final String TASKLIST = "/camunda/app/tasklist/default/";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final DateTimeFormatter DATE_PICKER_FORMAT = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    static final By USERNAME = By.cssSelector("input[placeholder='Username']");
    static final By PASSWORD_FIELD = By.cssSelector("input[placeholder='Password']");
    static final By LOG_IN = By.xpath("//button[normalize-space()='Log in']");
    static final By ACCOUNT = By.cssSelector("li.account > a");
    static final By FILTERS = By.cssSelector(".task-filters [cam-tasklist-filters]");
    static final By TASK_LIST = By.cssSelector(".tasks-list, [cam-tasks]");
    static final By START_PROCESS = By.xpath("//a[normalize-space()='Start process']");
    static final By MODAL = By.cssSelector(".modal-dialog");
    static final By START_FORM = By.cssSelector(".modal-dialog .fjs-container");
    static final By START_BUTTON = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']");

    @LocalServerPort
    int port;
    @Autowired
    CampaignService campaigns;
    @Autowired
    RuntimeService runtimeService;

    WebDriver browser;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = BrowserSuite.evidenceOnFailure(() -> browser);

    @BeforeEach
    void openBrowser() {
        browser = BrowserSuite.newDriver();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void programmeManagerSeesTheProgrammeFiltersOnly() {
        logIn("manager");

        assertThat(BrowserSuite.tasklistFilterNames(browser)).contains("Gestion du programme", "Toutes les tâches")
                .doesNotContain("Mes revues juridiques");
        assertThat(browser.findElement(ACCOUNT).getText()).as("account menu").isEqualTo("Camille Martin");
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
    }

    @Test
    void programmeManagerPublishesACampaignFromTasklist() {
        String title = "Navigateur : IA et données de santé";
        LocalDate opening = LocalDate.now(ProgrammeTime.ZONE).plusDays(3);
        LocalDate closing = opening.plusDays(45);
        logIn("manager");
        BrowserSuite.tasklistFilterNames(browser);

        openStartForm("Appel à projets");
        fillCampaignForm(title, opening, closing);
        browser.findElement(START_BUTTON).click();

        waitFor("the start dialog to close").until(ExpectedConditions.invisibilityOfElementLocated(MODAL));
        assertThat(notification("The process has been started.").isDisplayed()).isTrue();
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();

        Campaign campaign = campaigns.listPublic().stream().filter(c -> c.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no public campaign titled " + title));
        assertThat(campaign.theme()).isEqualTo("Projets d'IA dans les hôpitaux publics, données de santé.");
        assertThat(campaign.openingDate()).isEqualTo(opening);
        assertThat(campaign.closingDate()).isEqualTo(closing);
        assertThat(campaign.laureateCapacity()).isEqualTo(5);
        assertThat(campaign.advisedCapacity()).isEqualTo(3);
        assertThat(campaign.reserveCapacity()).isEqualTo(2);
        assertThat(campaign.status()).isEqualTo(CampaignStatus.PUBLISHED);
        assertThat(campaign.publishedBy()).isEqualTo("manager");
        assertThat(runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey("navigateur-ia-et-donnees-de-sante-" + opening).count())
                .as("the campaign's process, by its business key in Cockpit").isEqualTo(1);

        browser.get(url("/"));
        assertThat(browser.findElements(By.cssSelector(".campaigns .campaign h2")))
                .extracting(WebElement::getText).contains(title);
    }

    @Test
    void campaignClosingBeforeItOpensIsRefusedInFrench() {
        String title = "Navigateur : campagne mal datée";
        LocalDate opening = LocalDate.now(ProgrammeTime.ZONE).plusDays(10);
        logIn("manager");
        BrowserSuite.tasklistFilterNames(browser);

        openStartForm("Appel à projets");
        fillCampaignForm(title, opening, opening.minusDays(5));
        browser.findElement(START_BUTTON).click();

        WebElement error = notification("La date de clôture doit être postérieure à la date d'ouverture.");
        assertThat(error.isDisplayed()).isTrue();
        assertThat(browser.findElement(START_FORM).isDisplayed()).as("the form stays open to be corrected").isTrue();
        assertThat(campaigns.existsWithTitle(title)).isFalse();
        assertThat(BrowserSuite.failedRequests(browser)).as("the refused submission only")
                .singleElement().asString().startsWith("400 POST").contains("/submit-form");
    }

    @Test
    void legalReviewerSeesTheirReviewsOnly() {
        logIn("legal");

        assertThat(BrowserSuite.tasklistFilterNames(browser)).contains("Mes revues juridiques")
                .doesNotContain("Gestion du programme", "Toutes les tâches");
        assertThat(browser.findElement(ACCOUNT).getText()).as("account menu").isEqualTo("Léa Dubois");
        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
    }

    @Test
    void inspectionCannotLogInToTasklist() {
        logIn("inspector");

        WebElement error = notification("Wrong credentials, locked user or missing access rights to application");
        assertThat(error.getText()).contains("Login Failed");
        assertThat(browser.findElement(USERNAME).isDisplayed()).as("still on the login page").isTrue();
        assertThat(browser.findElements(FILTERS)).as("filters").isEmpty();
        assertThat(browser.findElements(TASK_LIST)).as("task list").isEmpty();
        assertThat(browser.findElements(START_PROCESS)).as("start process").isEmpty();
        assertThat(browser.findElements(ACCOUNT)).as("account menu").isEmpty();
    }

    private void logIn(String userId) {
        browser.get(url(TASKLIST));
        waitFor("the login form").until(ExpectedConditions.visibilityOfElementLocated(USERNAME)).sendKeys(userId);
        browser.findElement(PASSWORD_FIELD).sendKeys(PASSWORD);
        browser.findElement(LOG_IN).click();
    }


    private void openStartForm(String processName) {
        waitFor("the Start process link").until(ExpectedConditions.elementToBeClickable(START_PROCESS)).click();
        waitFor("the process " + processName + " in the start dialog").until(ExpectedConditions.elementToBeClickable(
                By.xpath("//div[contains(@class,'modal-content')]//ul[contains(@class,'processes')]//a[normalize-space()='"
                        + processName + "']"))).click();
        waitFor("the start form").until(ExpectedConditions.visibilityOfElementLocated(START_FORM));
    }

    private void fillCampaignForm(String title, LocalDate opening, LocalDate closing) {
        pickDate("Date d'ouverture", opening);
        pickDate("Date de clôture (incluse)", closing);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("Titre de la campagne", title);
        texts.put("Thème, public visé et critères", "Projets d'IA dans les hôpitaux publics, données de santé.");
        texts.put("Lauréats accompagnés", "5");
        texts.put("Projets conseillés", "3");
        texts.put("Liste complémentaire", "2");
        texts.forEach(this::type);
        texts.forEach(this::type);
    }

    /**
     * Types into a form field until it holds the text: form-js re-renders while the previous field
     * is validated and again when the start form's data arrives, and what was typed at that moment
     * can be lost; {@link #fillCampaignForm} therefore checks every field twice.
     */
    private void type(String label, String text) {
        waitFor("the field " + label + " to hold what was typed").until(driver -> {
            WebElement input = field(label);
            if (!text.equals(input.getAttribute("value"))) {
                input.clear();
                input.sendKeys(text);
            }
            return text.equals(field(label).getAttribute("value"));
        });
    }

    /** Types the date into the form-js date picker as a user would, in its US format; leaving the field validates it. */
    private void pickDate(String label, LocalDate date) {
        WebElement input = field(label);
        input.click();
        input.sendKeys(DATE_PICKER_FORMAT.format(date), Keys.TAB);
        assertThat(LocalDate.parse(input.getAttribute("value"), DateTimeFormatter.ofPattern("M/d/yyyy")))
                .as("date shown by the picker of %s", label).isEqualTo(date);
    }

    /** The input of the Camunda Form field with this label, found through the label's {@code for}. */
    private WebElement field(String label) {
        WebElement labelElement = browser.findElement(By.xpath(
                "//div[contains(@class,'fjs-container')]//label[normalize-space(text())=\"" + label + "\"]"));
        return browser.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** A visible notification of Tasklist (page or dialog) containing this text. */
    private WebElement notification(String text) {
        return waitFor("a notification saying: " + text).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[contains(@class,'alert')][contains(normalize-space(.),\"" + text + "\")]")));
    }

    private FluentWait<WebDriver> waitFor(String what) {
        return new WebDriverWait(browser, TIMEOUT).withMessage(what);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
