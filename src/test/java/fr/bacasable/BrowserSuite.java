package fr.bacasable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Runs a test class in a real headless Chromium, the Debian {@code chromium} and
 * {@code chromium-driver} packages. Without them the class is skipped and the reason printed,
 * unless {@value #REQUIRED_VARIABLE}{@code =true} (CI sets it): then the class runs and fails.
 * Selenium is pointed at both binaries so that Selenium Manager never downloads anything.
 */
public class BrowserSuite implements ExecutionCondition {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String REQUIRED_VARIABLE = "BAS_TEST_BROWSER_REQUIRED";
    /**
     * The JUnit tag of the browser test classes: the build runs them in a Surefire execution of
     * their own, the only one that runs a failed test once more.
     */
    static final String TAG = "browser";

    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1400,1400");

    static final Path EVIDENCE = Path.of("target", "screenshots");

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Selenium warns at every start that it has no CDP binding for this Chromium version; only
     * chromedriver's own endpoints are used here (performance log, {@code executeCdpCommand}).
     */
    private static final List<java.util.logging.Logger> QUIETENED = List.of(
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            java.util.logging.Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));
    private static final Logger LOG = LoggerFactory.getLogger(BrowserSuite.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter(path -> !Files.isExecutable(path)).toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Browser suite with " + CHROMIUM + " and " + CHROMEDRIVER);
        }
        String reason = "Browser suite: " + missing + " missing (apt-get install -y chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE))) {
            return ConditionEvaluationResult.enabled(reason + "; " + REQUIRED_VARIABLE + "=true, so it runs and fails");
        }
        LOG.warn("{}; skipped ({}=true makes it fail instead)", reason, REQUIRED_VARIABLE);
        return ConditionEvaluationResult.disabled(reason);
    }

    /**
     * A new headless Chromium with a fresh profile, which {@link WebDriver#quit()} deletes. The
     * browser's performance log (network events) can be read with {@code manage().logs().get("performance")}.
     */
    static WebDriver newDriver() {
        QUIETENED.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
        Path profile;
        try {
            profile = Files.createTempDirectory("bas-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL", "browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options) {
            @Override
            public void quit() {
                try {
                    super.quit();
                } finally {
                    FileSystemUtils.deleteRecursively(profile.toFile());
                }
            }
        };
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * The engine API requests of the page that answered 4xx or 5xx since the previous call, as
     * {@code "<status> <method> <url> <body>"}. Reads (and so empties) the performance log.
     */
    static List<String> failedRequests(WebDriver driver) {
        Map<String, String> methods = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get("performance")) {
            JsonNode message;
            try {
                message = JSON.readTree(entry.getMessage()).path("message");
            } catch (IOException e) {
                continue;
            }
            JsonNode params = message.path("params");
            String requestId = params.path("requestId").asText();
            switch (message.path("method").asText()) {
                case "Network.requestWillBeSent" -> methods.put(requestId, params.path("request").path("method").asText());
                case "Network.responseReceived" -> {
                    String url = params.path("response").path("url").asText();
                    int status = params.path("response").path("status").asInt();
                    if (status >= 400 && (url.contains("/camunda/api/engine/") || url.contains("/engine-rest/"))) {
                        failures.add(status + " " + methods.getOrDefault(requestId, "?") + " " + url + " "
                                + responseBody(driver, requestId));
                    }
                }
                default -> {
                }
            }
        }
        failures.forEach(failure -> LOG.warn("Failed request in the browser: {}", failure));
        return failures;
    }

    private static String responseBody(WebDriver driver, String requestId) {
        try {
            Object body = ((HasCdp) driver).executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId))
                    .get("body");
            return String.valueOf(body);
        } catch (WebDriverException | ClassCastException e) {
            return "(body not available)";
        }
    }

    /** Saves a screenshot and the page source as {@code target/screenshots/<name>.png} and {@code .html}. */
    /** The names of the filters in Tasklist's left column, once loaded; fails when Tasklist reports a loading failure. */
    /** Texts of the visible elements matching the CSS selector, read at once (elements come and go). */
    static List<String> visibleTexts(WebDriver browser, String css) {
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll(arguments[0]))
                    .filter(element => element.offsetParent !== null)
                    .map(element => element.innerText.trim()).filter(text => text);
                """, css);
        return texts;
    }

    static List<String> tasklistFilterNames(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String state = new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage("the filter list to load")
                .until(driver -> (String) js.executeScript("""
                        const filters = document.querySelector('.task-filters [cam-tasklist-filters]');
                        if (!filters) return null;
                        const visible = element => element && element.offsetParent !== null;
                        if (visible(filters.querySelector('.alert-danger'))) return 'error: ' + filters.innerText.trim();
                        return visible(filters.querySelector('.list-unstyled')) ? 'loaded' : null;
                        """));
        if (!"loaded".equals(state)) {
            throw new AssertionError("The filter list of Tasklist did not load: " + state);
        }
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) js.executeScript("""
                return Array.from(document.querySelectorAll('.task-filters .task-filter .name a'))
                    .map(link => link.firstChild.textContent.trim());
                """);
        return names;
    }

    /** Saves a screenshot and the page of the browser a test was driving when it fails. */
    static AfterTestExecutionCallback evidenceOnFailure(Supplier<WebDriver> browser) {
        return context -> {
            if (context.getExecutionException().isPresent() && browser.get() != null) {
                saveEvidence(browser.get(), context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName());
            }
        };
    }

    static void saveEvidence(WebDriver driver, String name) {
        try {
            Files.createDirectories(EVIDENCE);
            Path screenshot = EVIDENCE.resolve(name + ".png");
            Files.write(screenshot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(EVIDENCE.resolve(name + ".html"), driver.getPageSource());
            LOG.warn("Browser at {} on failure: {}", driver.getCurrentUrl(), screenshot.toAbsolutePath());
            failedRequests(driver);
        } catch (IOException | WebDriverException e) {
            LOG.warn("No screenshot of the failure: {}", e.toString());
        }
    }
}
