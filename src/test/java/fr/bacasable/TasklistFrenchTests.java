package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tasklist in French, in a real headless Chromium whose language is set per test (the
 * {@code Accept-Language} and {@code navigator.languages} of the page, through Chromium's
 * {@code Emulation.setUserAgentOverride}): the login form, the filters, the navigation, the dates
 * and the date picker; Cockpit and Admin too. French comes from {@code META-INF/resources/webjars/camunda/app/}
 * ({@code <app>/locales/fr.json}, {@code <app>/scripts/config.js}, {@code tasklist/scripts/french/}).
 * Screenshots of each step land in {@code target/screenshots/}, and the page source too on failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Tag(BrowserSuite.TAG)
@ExtendWith(BrowserSuite.class)
class TasklistFrenchTests {

    static final String PASSWORD = "it-Secret-42";
    static final String TASKLIST = "/camunda/app/tasklist/default/";
    static final String COCKPIT = "/camunda/app/cockpit/default/";
    static final String ADMIN = "/camunda/app/admin/default/";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String FRENCH_BROWSER = "fr-FR,fr";

    static final By USERNAME = By.cssSelector("input[placeholder='Identifiant']");
    static final By PASSWORD_FIELD = By.cssSelector("input[placeholder='Mot de passe']");
    static final By LOG_IN = By.xpath("//button[normalize-space()='Se connecter']");
    static final By ACCOUNT = By.cssSelector("li.account > a");
    static final By START_PROCESS = By.xpath("//a[normalize-space()='Démarrer un processus']");
    static final By MODAL = By.cssSelector(".modal-dialog");
    static final By DATE_PICKER = By.cssSelector(".cam-widget-inline-field.field-control [uib-datepicker]");

    /** English texts of Tasklist's main page and login page that must not be left in French Tasklist. */
    static final List<String> ENGLISH_LEFTOVERS = List.of("Username", "Password", "Log in", "Start process",
            "Create task", "Keyboard Shortcuts", "Filter Tasks", "Sort by", "Created", "Select a task in the list",
            "No task matching filters found", "My profile", "Log out", "Powered by", "Date and Time displayed",
            "Toggle navigation", "It is time to migrate", "Add sorting", "Filter details");

    static final List<String> FRENCH_MONTHS = List.of("janvier", "février", "mars", "avril", "mai", "juin",
            "juillet", "août", "septembre", "octobre", "novembre", "décembre");

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;

    WebDriver browser;
    String taskId;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = BrowserSuite.evidenceOnFailure(() -> browser);

    @AfterEach
    void cleanUp() {
        if (browser != null) {
            browser.quit();
        }
        if (taskId != null) {
            taskService.deleteTask(taskId, true);
        }
    }

    @Test
    void frenchBrowserGetsTasklistInFrench() {
        openBrowser(FRENCH_BROWSER);
        browser.get(url(TASKLIST));

        WebElement username = waitFor("the French login form")
                .until(ExpectedConditions.visibilityOfElementLocated(USERNAME));
        assertThat(browser.findElement(PASSWORD_FIELD).isDisplayed()).as("password field").isTrue();
        assertThat(browser.findElement(LOG_IN).isDisplayed()).as("log-in button").isTrue();
        assertThat(pageLanguage()).as("lang of the page").isEqualTo("fr");
        assertNoEnglishLeftover("login page");
        screenshot("login");

        username.sendKeys("manager");
        browser.findElement(PASSWORD_FIELD).sendKeys(PASSWORD);
        browser.findElement(LOG_IN).click();

        assertThat(BrowserSuite.tasklistFilterNames(browser)).contains("Gestion du programme", "Toutes les tâches");
        assertThat(browser.findElement(ACCOUNT).getText()).as("account menu").isEqualTo("Camille Martin");
        assertThat(visibleTexts("[cam-widget-header] a")).as("main navigation")
                .contains("Raccourcis clavier", "Créer une tâche", "Démarrer un processus", "Camille Martin");
        assertThat(allTexts("[cam-widget-header] .account .dropdown-menu a")).as("account menu items")
                .containsExactly("Mon profil", "Se déconnecter");
        assertThat(browser.findElement(By.cssSelector("input[ng-model='inputQuery']"))
                .getAttribute("placeholder")).as("search field").isEqualTo("Filtrer les tâches");
        String page = pageText();
        assertThat(page).contains("Date de création", "Sélectionnez une tâche dans la liste.",
                "Dates et heures affichées dans le fuseau horaire local", "Propulsé par");
        assertNoEnglishLeftover("main page");
        assertNoCamunda8Banner();
        assertThat(pageLanguage()).as("lang of the page").isEqualTo("fr");
        screenshot("filters");

        waitFor("the start process link").until(ExpectedConditions.elementToBeClickable(START_PROCESS)).click();
        WebElement dialog = waitFor("the start process dialog").until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//div[contains(@class,'modal-content')][.//ul[contains(@class,'processes')]//a]")));
        assertThat(dialog.getText()).contains("Démarrer un processus", "Cliquez sur le processus à démarrer.",
                "Appel à projets", "Fermer").doesNotContain("Start process", "Click on the process", "Close");
        assertThat(dialog.findElement(By.cssSelector("input[ng-model='page.searchValue']")).getAttribute("placeholder"))
                .isEqualTo("Rechercher par nom de processus.");
        screenshot("start-process");
        dialog.findElement(By.xpath(".//button[normalize-space()='Fermer']")).click();
        waitFor("the start dialog to close").until(ExpectedConditions.invisibilityOfElementLocated(MODAL));

        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
    }

    @Test
    void datesAndDatePickerAreFrench() {
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        taskId = programmeTask("Vérifier la traduction de Tasklist", due.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC));
        openBrowser(FRENCH_BROWSER);
        logIn("manager");
        BrowserSuite.tasklistFilterNames(browser);

        browser.findElement(By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='Gestion du programme']"))
                .click();
        WebElement card = waitFor("the task in the list").until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[@cam-tasks]//li[.//*[normalize-space()='Vérifier la traduction de Tasklist']]")));
        assertThat(card.getText()).as("task card").contains("Échéance dans ", "Créée il y a ")
                .doesNotContain("Due", "Created", " ago", "in a month");
        card.findElement(By.xpath(".//a[normalize-space()='Vérifier la traduction de Tasklist']")).click();

        WebElement meta = waitFor("the task details").until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-tasklist-task-meta]")));
        waitFor("the claim link").until(driver -> meta.getText().contains("Prendre en charge"));
        assertThat(meta.getText()).contains("Définir la date de relance", "Prendre en charge")
                .doesNotContain("Set follow-up date", "Add groups", "Claim");
        WebElement dueDate = browser.findElement(By.cssSelector("[cam-tasklist-task-meta] .due-date span[am-time-ago]"));
        assertThat(dueDate.getText()).as("due date, from now").startsWith("dans ");
        assertThat(dueDate.getAttribute("uib-tooltip")).as("due date in full")
                .startsWith(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRENCH).format(due));
        assertThat(visibleTexts(".nav-tabs a")).contains("Formulaire", "Historique", "Diagramme", "Description");

        meta.findElement(By.xpath(".//a[normalize-space()='Définir la date de relance']")).click();
        WebElement picker = waitFor("the date picker").until(ExpectedConditions.visibilityOfElementLocated(DATE_PICKER));
        String title = picker.findElement(By.cssSelector("thead button[id$='-title']")).getText();
        assertThat(title).as("month shown by the date picker").matches("(" + String.join("|", FRENCH_MONTHS) + ") \\d{4}");
        assertThat(allTexts(".cam-widget-inline-field.field-control [uib-datepicker] thead tr:last-child th small"))
                .as("days of the week, from Monday")
                .containsExactly("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.");
        assertThat(allTexts(".cam-widget-inline-field.field-control [uib-datepicker] thead .sr-only"))
                .as("screen-reader texts of the arrows").containsExactly("Précédente", "Suivante");
        screenshot("date-picker");

        assertThat(BrowserSuite.failedRequests(browser)).as("engine requests of Tasklist that failed").isEmpty();
    }

    @Test
    void browserWithoutFrenchOrEnglishGetsFrench() {
        openBrowser("es-ES,es");
        browser.get(url(TASKLIST));

        waitFor("the French login form").until(ExpectedConditions.visibilityOfElementLocated(USERNAME));
        assertThat(browser.findElement(LOG_IN).isDisplayed()).isTrue();
        assertThat(pageLanguage()).isEqualTo("fr");
        assertNoEnglishLeftover("login page");
    }

    /** English stays available to English browsers (availableLocales: fr, en), dates and date picker included. */
    @Test
    void englishBrowserKeepsEnglish() {
        openBrowser("en-US,en");
        browser.get(url(TASKLIST));

        waitFor("the English login form").until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[placeholder='Username']")));
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Log in']"))).hasSize(1);
        assertThat(pageLanguage()).isEqualTo("en");
    }

    /** Cockpit and Admin are French as Tasklist is, without the Camunda 8 banner; English browsers keep English. */
    @Test
    void cockpitAndAdminAreFrench() {
        openInFrench(COCKPIT, "manager", "Instances de processus en cours");
        assertThat(visibleTexts("[cam-widget-header] a")).as("Cockpit's navigation")
                .contains("Processus", "Décisions", "Tâches humaines", "Plus");
        assertThat(pageText()).contains("En ce moment", "Incidents ouverts", "Tâches humaines ouvertes",
                "Définitions de processus", "Déploiements").doesNotContain("Running Process Instances", "Open Incidents");
        assertNoCamunda8Banner();
        browser.get(url(COCKPIT + "#/processes"));
        waitFor("the process definitions").until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Appel à projets"));
        assertThat(pageText()).contains("définitions de processus déployées", "Instances en cours", "Clé", "Nom");
        screenshot("cockpit");
        browser.quit();

        openInFrench(ADMIN, "admin", "Autorisations");
        assertThat(visibleTexts("[cam-widget-header] a")).as("Admin's navigation")
                .contains("Utilisateurs", "Groupes", "Autorisations", "Système");
        assertNoCamunda8Banner();
        browser.quit();

        openBrowser("en-US,en");
        browser.get(url(COCKPIT));
        waitFor("Cockpit's English login form").until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[placeholder='Username']")));
    }

    /** A French browser logged in to the web application, once its page shows the text. */
    private void openInFrench(String webapp, String userId, String loaded) {
        openBrowser(FRENCH_BROWSER);
        logIn(webapp, userId);
        waitFor(webapp + " to load").until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), loaded));
    }

    private void assertNoCamunda8Banner() {
        assertThat(visibleTexts(".ce-eol-banner")).as("the Camunda 8 banner").isEmpty();
        assertThat(pageText()).doesNotContain("Camunda 8");
    }

    private void openBrowser(String acceptLanguage) {
        browser = BrowserSuite.newDriver();
        String userAgent = (String) ((JavascriptExecutor) browser).executeScript("return navigator.userAgent");
        ((HasCdp) browser).executeCdpCommand("Emulation.setUserAgentOverride",
                Map.of("userAgent", userAgent, "acceptLanguage", acceptLanguage));
    }

    private void logIn(String userId) {
        logIn(TASKLIST, userId);
    }

    private void logIn(String webapp, String userId) {
        browser.get(url(webapp));
        waitFor("the login form").until(ExpectedConditions.visibilityOfElementLocated(USERNAME)).sendKeys(userId);
        browser.findElement(PASSWORD_FIELD).sendKeys(PASSWORD);
        browser.findElement(LOG_IN).click();
    }

    /** A task of the programme managers, due at this instant, as a process would create it. */
    private String programmeTask(String name, Instant due) {
        Task task = taskService.newTask("fr-" + UUID.randomUUID());
        task.setName(name);
        task.setDueDate(Date.from(due));
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), "programme-managers");
        return task.getId();
    }


    /** Fails on any English text of {@link #ENGLISH_LEFTOVERS} in the visible text or the placeholders and tooltips. */
    private void assertNoEnglishLeftover(String where) {
        @SuppressWarnings("unchecked")
        List<String> attributes = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('[placeholder], [title], [uib-tooltip], [aria-label]'))
                    .flatMap(e => ['placeholder', 'title', 'uib-tooltip', 'aria-label']
                        .map(name => e.getAttribute(name)).filter(value => value));
                """);
        String readable = pageText() + "\n" + String.join("\n", attributes);
        assertThat(ENGLISH_LEFTOVERS).as("English left on the %s of Tasklist", where)
                .noneMatch(english -> readable.matches("(?s).*\\b" + Pattern.quote(english) + "\\b.*"));
    }

    private String pageText() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private String pageLanguage() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.documentElement.lang");
    }

    private List<String> visibleTexts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).map(String::trim).toList();
    }

    /** Texts of the elements, hidden ones (closed menus, screen-reader texts) included. */
    private List<String> allTexts(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(element -> element.getAttribute("textContent").trim()).toList();
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

    private FluentWait<WebDriver> waitFor(String what) {
        return new WebDriverWait(browser, TIMEOUT).withMessage(what);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
