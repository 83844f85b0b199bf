package fr.bacasable.shared;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.PostgresSuite;
import fr.bacasable.StaffLogin;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application reaches PostgreSQL through a TCP proxy that the test cuts, as a database restart
 * would (the shared server itself is never restarted): our API, our pages and the engine REST API
 * answer 503 with {@code Retry-After} and a French message, never a 500, then work again once the
 * proxy is restored. A connection cut in the middle of a task completion (its flush or its commit), on
 * the engine REST API and on Tasklist's API, is a 503 too, and the retry completes the task.
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTests {

    static final String PASSWORD = "it-Secret-42";
    static CuttableTcpProxy proxy;

    @DynamicPropertySource
    static void postgresThroughTheProxy(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
        registry.add("spring.datasource.url", () -> {
            URI database = URI.create(System.getenv("BAS_TEST_POSTGRES_URL").substring("jdbc:".length()));
            proxy = new CuttableTcpProxy(database.getHost(), database.getPort());
            return "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath() + "?prepareThreshold=0";
        });
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    TaskService taskService;

    @Test
    void aDatabaseOutageIsA503WithRetryAfterEverywhereThenEverythingWorksAgain() {
        assertThat(api().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engineRest().getStatusCode()).isEqualTo(HttpStatus.OK);

        proxy.cut();
        try {
            ResponseEntity<String> api = api();
            assertThat(api.getStatusCode()).as(api.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(api.getHeaders().getContentType()).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
            assertThat(api.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(api.getBody()).contains("Service momentanément indisponible", "\"status\":503");

            ResponseEntity<String> page = http.getForEntity("/suivi/BAS-2026-9999/not-a-token", String.class);
            assertThat(page.getStatusCode()).as(page.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(page.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(page.getBody()).contains("<html lang=\"fr\"", "Service momentanément indisponible");

            ResponseEntity<String> engine = engineRest();
            assertThat(engine.getStatusCode()).as(engine.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(engine.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(engine.getBody()).contains("Service momentanément indisponible");
        } finally {
            proxy.restore();
        }

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        while (status != HttpStatus.NOT_FOUND && Instant.now().isBefore(deadline)) {
            status = HttpStatus.valueOf(api().getStatusCode().value());
        }
        assertThat(status).as("API back within 30 s").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(engineRest().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** The connection is cut as the task's row is deleted (the flush) or as the transaction commits. */
    @ParameterizedTest
    @CsvSource({"/engine-rest/task/{id}/submit-form, delete from ACT_RU_TASK",
            "/engine-rest/task/{id}/submit-form, COMMIT",
            "/engine-rest/task/{id}/complete, delete from ACT_RU_TASK",
            "/camunda/api/engine/engine/default/task/{id}/submit-form, delete from ACT_RU_TASK"})
    void aConnectionLostWhileATaskIsCompletedIsA503ThenTheRetryCompletesIt(String route, String cutAt) {
        HttpHeaders headers = route.startsWith("/camunda/") ? tasklistSession() : basic("manager");
        headers.setContentType(MediaType.APPLICATION_JSON);
        Task task = taskService.newTask();
        task.setName("Tâche coupée en route");
        task.setAssignee("manager");
        taskService.saveTask(task);
        HttpEntity<String> form = new HttpEntity<>("{\"variables\":{}}", headers);
        String path = route.replace("{id}", task.getId());

        proxy.cutWhenClientSends(cutAt);
        ResponseEntity<String> cut;
        try {
            cut = http.exchange(path, HttpMethod.POST, form, String.class);
            assertThat(proxy.isCut()).as("the connection was cut during the completion; answer %s %s",
                    cut.getStatusCode(), cut.getBody()).isTrue();
        } finally {
            proxy.restore();
        }
        assertThat(cut.getStatusCode()).as(cut.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(cut.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(cut.getBody()).contains("Service momentanément indisponible");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        ResponseEntity<String> retried = http.exchange(path, HttpMethod.POST, form, String.class);
        while (retried.getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE && Instant.now().isBefore(deadline)) {
            retried = http.exchange(path, HttpMethod.POST, form, String.class);
        }
        assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
    }

    /** Tasklist's session as the browser holds it after the login, with the new session's anti-forgery token. */
    private HttpHeaders tasklistSession() {
        return StaffLogin.webappSession(http, "manager", PASSWORD, "tasklist").headers();
    }

    private static HttpHeaders basic(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, PASSWORD);
        return headers;
    }

    private ResponseEntity<String> api() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth("no-such-token");
        return http.exchange("/api/applications/BAS-2026-9999", HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
    }

    private ResponseEntity<String> engineRest() {
        return http.withBasicAuth("manager", PASSWORD).getForEntity("/engine-rest/task?maxResults=1", String.class);
    }
}
