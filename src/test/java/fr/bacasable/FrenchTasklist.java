package fr.bacasable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A browser asking for French, logged in to Tasklist as one staff member, and what it does there. */
final class FrenchTasklist {

    static final String PASSWORD = "it-Secret-42";
    static final String TASKLIST = "/camunda/app/tasklist/default/";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final By USERNAME = By.cssSelector("input[placeholder='Identifiant']");
    private static final By PASSWORD_FIELD = By.cssSelector("input[placeholder='Mot de passe']");
    private static final By LOG_IN = By.xpath("//button[normalize-space()='Se connecter']");
    private static final By FORM = By.cssSelector("[cam-tasklist-form] .fjs-container");
    private static final By COMPLETE = By.xpath(
            "//div[contains(@class,'form-actions')]//button[normalize-space()='Terminer']");
    private static final By CLAIM = By.xpath(
            "//*[@cam-tasklist-task-meta]//*[self::a or self::button][normalize-space()='Prendre en charge']");

    final WebDriver browser;
    private final int port;

    private FrenchTasklist(WebDriver browser, int port) {
        this.browser = browser;
        this.port = port;
    }

    static FrenchTasklist logIn(int port, String userId) {
        WebDriver browser = BrowserSuite.newDriver();
        String userAgent = (String) ((JavascriptExecutor) browser).executeScript("return navigator.userAgent");
        ((HasCdp) browser).executeCdpCommand("Emulation.setUserAgentOverride",
                Map.of("userAgent", userAgent, "acceptLanguage", "fr-FR,fr"));
        FrenchTasklist tasklist = new FrenchTasklist(browser, port);
        browser.get(tasklist.url(TASKLIST));
        tasklist.waitFor("the French login form").until(ExpectedConditions.visibilityOfElementLocated(USERNAME))
                .sendKeys(userId);
        browser.findElement(PASSWORD_FIELD).sendKeys(PASSWORD);
        browser.findElement(LOG_IN).click();
        BrowserSuite.tasklistFilterNames(browser);
        return tasklist;
    }

    /** Opens the filter, then the task's card, claims it unless it is already theirs, and waits for its form. */
    WebElement openAndClaim(String filter, String taskId) {
        browser.get(url(TASKLIST));
        BrowserSuite.tasklistFilterNames(browser);
        browser.findElement(By.xpath("//div[contains(@class,'task-filter')]//a[normalize-space(text())='" + filter
                + "']")).click();
        waitFor("the task in " + filter).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//ol[contains(@class,'tasks-list')]/li//h4//a[contains(@href,'task=" + taskId + "')]"))).click();
        waitFor("the form of the task").until(ExpectedConditions.visibilityOfElementLocated(FORM));
        waitFor("the claim link, or Terminer when already claimed").until(ExpectedConditions.or(
                ExpectedConditions.elementToBeClickable(CLAIM), ExpectedConditions.elementToBeClickable(COMPLETE)));
        browser.findElements(CLAIM).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
        waitFor("Terminer once claimed").until(ExpectedConditions.elementToBeClickable(COMPLETE));
        return waitFor("the form, editable").until(ExpectedConditions.visibilityOfElementLocated(FORM));
    }

    /** Clicks "Terminer" and returns the errors Tasklist shows, or an empty list once the task is done. */
    List<String> complete(BooleanSupplier taskDone) {
        closeNotifications();
        WebElement button = waitFor("Terminer to be enabled").until(ExpectedConditions.elementToBeClickable(COMPLETE));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
        return waitFor("the task to complete or an error").until(driver -> {
            List<String> errors = visibleTexts(".alert-danger");
            if (!errors.isEmpty()) {
                return errors;
            }
            return taskDone.getAsBoolean() ? List.<String>of() : null;
        });
    }

    /** The card of the task in the list of the open filter. */
    WebElement card(String taskId) {
        return waitFor("the card of the task").until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//ol[contains(@class,'tasks-list')]/li[.//h4//a[contains(@href,'task=" + taskId + "')]]")));
    }

    /** Clicks the label of a radio option of the form and waits for it to be checked. */
    void choose(String option) {
        WebElement label = waitFor("the option " + option).until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@cam-tasklist-form]//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space()=\""
                        + option + "\"]")));
        label.click();
        WebElement radio = browser.findElement(By.id(label.getAttribute("for")));
        waitFor(option + " to be checked").until(driver -> radio.isSelected());
    }

    WebElement field(String componentId) {
        return waitFor("the field " + componentId).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[cam-tasklist-form] .fjs-container [id$='-" + componentId + "']")));
    }

    String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** Texts of the visible elements matching the CSS selector, read at once (elements come and go). */
    List<String> visibleTexts(String css) {
        return BrowserSuite.visibleTexts(browser, css);
    }

    FluentWait<WebDriver> waitFor(String what) {
        return new WebDriverWait(browser, TIMEOUT).withMessage(what);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void quit() {
        browser.quit();
    }

    private void closeNotifications() {
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelectorAll('.alert .close, .alert button.close').forEach(button => button.click());");
        waitFor("notifications to close").until(driver -> visibleTexts("[cam-notifications] .alert").isEmpty());
    }
}
