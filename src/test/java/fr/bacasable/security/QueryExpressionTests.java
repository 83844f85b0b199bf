package fr.bacasable.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.bacasable.StaffLogin;
import fr.bacasable.StaffLogin.WebappSession;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.rest.dto.CamundaQueryParam;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Expressions in queries would run code on the server as whoever is logged in. Every route that
 * reaches the engine's task queries gets, for every {@code …Expression} key the REST API knows, a
 * payload that would create a file if it were evaluated: each is refused with a 400 and no file
 * appears. A filter stored with such a query (as an older release could have) is refused when run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryExpressionTests {

    static final String PASSWORD = "it-Secret-42";
    static final File WITNESS = new File(System.getProperty("java.io.tmpdir"), "bas-expression-" + UUID.randomUUID());
    static final String PAYLOAD = "${\"\".getClass().forName(\"java.io.File\").getConstructor(\"\".getClass())"
            + ".newInstance(\"" + WITNESS.getAbsolutePath().replace("\\", "/") + "\").createNewFile()}";
    static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";

    @Autowired
    TestRestTemplate http;
    @Autowired
    FilterService filterService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;

    private final Map<String, WebappSession> sessions = new HashMap<>();
    private String legalFilterId;

    @BeforeAll
    void legalFilter() {
        legalFilterId = filterService.createFilterQuery().filterName("Mes revues juridiques").singleResult().getId();
    }

    @AfterAll
    void removeWitness() {
        WITNESS.delete();
    }

    /** Every task query key of the REST API that the engine would evaluate as an expression. */
    static List<String> expressionKeys() {
        return Arrays.stream(TaskQueryDto.class.getMethods())
                .map(method -> method.getAnnotation(CamundaQueryParam.class)).filter(annotation -> annotation != null)
                .map(CamundaQueryParam::value).filter(key -> key.endsWith("Expression")).distinct().sorted().toList();
    }

    static Stream<Arguments> routes() {
        List<Arguments> routes = new ArrayList<>();
        for (String key : expressionKeys()) {
            String top = "{\"" + key + "\": " + quoted(PAYLOAD) + "}";
            String nested = "{\"orQueries\": [{\"" + key + "\": " + quoted(PAYLOAD) + "}]}";
            String query = "?" + key + "=" + URLEncoder.encode(PAYLOAD, StandardCharsets.UTF_8);
            routes.add(Arguments.of("GET", "/engine-rest/task" + query, null));
            routes.add(Arguments.of("GET", "/engine-rest/task/count" + query, null));
            routes.add(Arguments.of("POST", "/engine-rest/task", top));
            routes.add(Arguments.of("POST", "/engine-rest/task", nested));
            routes.add(Arguments.of("POST", "/engine-rest/task/count", nested));
            routes.add(Arguments.of("POST", "/engine-rest/filter/{filter}/list", nested));
            routes.add(Arguments.of("POST", "/engine-rest/filter/{filter}/count", nested));
            routes.add(Arguments.of("GET", WEBAPP_ENGINE + "/task" + query, null));
            routes.add(Arguments.of("POST", WEBAPP_ENGINE + "/task", nested));
            routes.add(Arguments.of("POST", WEBAPP_ENGINE + "/filter/{filter}/list", nested));
        }
        routes.add(Arguments.of("POST", "/engine-rest/task", "{\"orQueries\": [{\"assignee\\u0045xpression\": "
                + quoted(PAYLOAD) + "}]}"));
        routes.add(Arguments.of("POST", "/engine-rest/filter/create", "{\"resourceType\": \"Task\", \"name\": \"x\", "
                + "\"query\": {\"orQueries\": [{\"assigneeExpression\": " + quoted(PAYLOAD) + "}]}}"));
        routes.add(Arguments.of("PUT", "/engine-rest/filter/{filter}", "{\"resourceType\": \"Task\", \"name\": "
                + "\"Mes revues juridiques\", \"query\": {\"orQueries\": [{\"ownerExpression\": " + quoted(PAYLOAD)
                + "}]}}"));
        return routes.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("routes")
    void everyRouteRefusesExpressionsAndRunsNone(String method, String path, String body) {
        for (String user : List.of("legal", "admin")) {
            ResponseEntity<String> response = send(user, HttpMethod.valueOf(method),
                    path.replace("{filter}", legalFilterId), body);
            assertThat(response.getStatusCode().value()).as("%s: %s", user, response.getBody()).isEqualTo(400);
            assertThat(response.getBody()).as("%s", user).contains("Les expressions ne sont pas admises");
            assertThat(WITNESS).as("evaluated for %s", user).doesNotExist();
        }
    }

    @Test
    void filterStoredWithAnExpressionIsRefusedWhenRun() {
        Filter filter = filterService.newTaskFilter("Ancien filtre");
        TaskQueryImpl query = (TaskQueryImpl) taskService.createTaskQuery();
        query.or().taskAssigneeExpression(PAYLOAD).endOr();
        filter.setQuery(query);
        String filterId = filterService.saveFilter(filter).getId();
        try {
            ResponseEntity<String> overRest = send("admin", HttpMethod.GET,
                    "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=10", null);
            assertThat(overRest.getStatusCode().is2xxSuccessful()).as(overRest.getBody()).isFalse();
            identityService.setAuthentication("admin", List.of(StaffGroups.CAMUNDA_ADMIN));
            assertThatThrownBy(() -> filterService.listPage(filterId, 0, 10)).hasStackTraceContaining(
                    "Les expressions ne sont pas admises dans les requêtes.");
            assertThat(WITNESS).doesNotExist();
        } finally {
            identityService.clearAuthentication();
            filterService.deleteFilter(filterId);
        }
    }

    @Test
    void inspectionIsRefusedBeforeAnyQuery() {
        ResponseEntity<String> response = send("inspector", HttpMethod.POST, "/engine-rest/task",
                "{\"orQueries\": [{\"assigneeExpression\": " + quoted(PAYLOAD) + "}]}");
        assertThat(response.getStatusCode().value()).isIn(400, 403);
        assertThat(WITNESS).doesNotExist();
    }

    @Test
    void literalValuesStillWorkWhereTheEngineAcceptsThem() {
        ResponseEntity<String> response = send("legal", HttpMethod.POST, "/engine-rest/task?firstResult=0&maxResults=10",
                "{\"orQueries\": [{\"assignee\": \"legal\"}, {\"candidateGroup\": \"legal-reviewers\"}]}");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private ResponseEntity<String> send(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        TestRestTemplate client = http;
        if (path.startsWith("/camunda/")) {
            headers.addAll(sessions.computeIfAbsent(user, id -> StaffLogin.webappSession(http, id, PASSWORD, "tasklist"))
                    .headers());
        } else {
            client = http.withBasicAuth(user, PASSWORD);
        }
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
