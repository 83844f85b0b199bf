package fr.bacasable.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.PostgresSuite;
import fr.bacasable.StaffLogin;
import fr.bacasable.security.StaffGroups;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AddGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a reviewer waits for when opening the Tasklist inbox, on PostgreSQL with the engine's
 * authorization checks on. Prints figures, asserts no timing: run on demand, never by
 * {@code ./mvnw verify} (the name does not end in Test or Tests):
 *
 * <pre>
 * createdb -h 127.0.0.1 -U postgres bench_inbox
 * BAS_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/bench_inbox \
 *   ./mvnw -B test -Dtest=InboxBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * dropdb -h 127.0.0.1 -U postgres bench_inbox
 * </pre>
 *
 * <p>Volume: {@code bench.sizes} (default 10,000 then 100,000) open review tasks, half for
 * {@code legal-reviewers}, half for {@code technical-reviewers}, one minute apart. They are the
 * engine's standalone tasks, created by the engine's own task commands (save, candidate group, task
 * variable {@code reference}, claim for one in twenty) run two thousand to a command: the
 * authorization provider grants each group on each task exactly as for the process's review tasks
 * (checked below in ACT_RU_AUTHORIZATION). A database already holding tasks is topped up, so the
 * figures can be taken again after a change.
 *
 * <p>Measured at each size, {@code bench.runs} times (default 20) after {@code bench.warmup} runs
 * (default 3), as {@code legal} on "Mes revues juridiques", then as {@code legal} once a user-level
 * REVOKE exists for them (a declared conflict of interest, recorded as {@code ReviewSteps} does),
 * then with no authenticated user (the engine's own code: checks skipped) for comparison: the
 * filter's count and first page of 15 through {@link FilterService}; each query of Tasklist's list
 * besides those (the variables shown on the cards, the assignees); then Tasklist's own requests over
 * HTTP on the web applications' API after a Tasklist login, with Tasklist's body and
 * {@code Accept: application/hal+json}: the filter's count and its list, which runs the count, the
 * page and the embedded resources. The last lines give, per size, the worst p95 of the reviewer's
 * rows: {@code inbox p95 <ms> ms at <tasks> tasks}. To see the SQL, add
 * {@code -Dlogging.level.org.camunda.bpm.engine.impl.persistence.entity.TaskEntity=DEBUG}.
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class InboxBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(InboxBenchmark.class);

    private static final String LEGAL_FILTER = "Mes revues juridiques";
    private static final String LEGAL = "legal";
    private static final String TECH = "tech";
    private static final String REFERENCE = "reference";
    private static final int PAGE_SIZE = 15;
    private static final int TASKS_PER_COMMAND = 2_000;
    private static final Duration CREATION_STEP = Duration.ofMinutes(1);
    private static final Duration REVIEW_DELAY = Duration.ofDays(10);
    private static final String WEBAPP_FILTER = "/camunda/api/engine/engine/default/filter/{id}";
    /** Tasklist's body for the inbox's first page (camunda-tasklist-ui, taskListQuery). */
    private static final String TASKLIST_LIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],"
            + "\"caseInstanceVariables\":[],\"firstResult\":0,\"maxResults\":15,"
            + "\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}";

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final ProcessEngineConfigurationImpl engineConfiguration;
    private final TaskService taskService;
    private final FilterService filterService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final JdbcTemplate jdbc;
    private final TestRestTemplate http;

    private final List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private final int runs = Integer.getInteger("bench.runs", 20);
    private final int warmup = Integer.getInteger("bench.warmup", 3);

    @Autowired
    InboxBenchmark(ProcessEngineConfiguration engineConfiguration, TaskService taskService,
            FilterService filterService, RuntimeService runtimeService, IdentityService identityService,
            AuthorizationService authorizationService, JdbcTemplate jdbc, TestRestTemplate http) {
        this.engineConfiguration = (ProcessEngineConfigurationImpl) engineConfiguration;
        this.taskService = taskService;
        this.filterService = filterService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.jdbc = jdbc;
        this.http = http;
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }

    /** Who opens the filter: a null user id means no authenticated user (engine API only). */
    private record Viewer(String userId, List<String> groups, String checks, boolean reviewer) {

        String label() {
            return userId == null ? "(none)" : userId;
        }
    }

    /** One measured call: its label, who made it, and what it returns (a count or a number of rows). */
    private record Measurement(int tasks, String call, Viewer viewer, Stats stats, long result) {
    }

    private record Stats(double medianMs, double p95Ms, double minMs, double maxMs) {

        static Stats of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Stats(ms(sorted[(sorted.length - 1) / 2]), ms(sorted[nearestRank(sorted.length, 0.95)]),
                    ms(sorted[0]), ms(sorted[sorted.length - 1]));
        }

        private static int nearestRank(int size, double percentile) {
            return Math.max(0, (int) Math.ceil(percentile * size) - 1);
        }

        private static double ms(long nanos) {
            return nanos / 1_000_000.0;
        }
    }

    @Test
    void reviewersInbox() {
        Instant start = Instant.now();
        Viewer legal = new Viewer(LEGAL, List.of(StaffGroups.LEGAL_REVIEWERS), "on", true);
        Viewer legalWithRevoke = new Viewer(LEGAL, List.of(StaffGroups.LEGAL_REVIEWERS), "on, 1 REVOKE", true);
        Viewer engineItself = new Viewer(null, List.of(), "skipped", false);
        List<Measurement> measurements = new ArrayList<>();
        for (int tasks : sizes) {
            seedReviewTasks(tasks);
            checkAuthorizationRows(tasks / 2);
            measurements.addAll(inbox(tasks, legal));
            String revokeId = declareConflictOfInterest();
            try {
                measurements.addAll(inbox(tasks, legalWithRevoke));
            } finally {
                authorizationService.deleteAuthorization(revokeId);
            }
            measurements.addAll(inbox(tasks, engineItself));
            long expected = (long) tasks / 2;
            assertThat(counts(measurements, tasks, legal)).containsOnly(expected);
            assertThat(counts(measurements, tasks, legalWithRevoke)).containsOnly(expected - 1);
            assertThat(counts(measurements, tasks, engineItself)).containsOnly(expected);
        }
        report(measurements, Duration.between(start, Instant.now()));
    }

    private static List<Long> counts(List<Measurement> measurements, int tasks, Viewer viewer) {
        return measurements.stream().filter(m -> m.tasks() == tasks && m.viewer() == viewer && m.call().contains("count"))
                .map(Measurement::result).toList();
    }

    // Volume ////////////////////////////////////////////////////////////////////////////////////

    /** Tops the open review tasks up to {@code tasks}, half for each review group. */
    private void seedReviewTasks(int tasks) {
        int pairs = tasks / 2;
        int existing = Math.toIntExact(taskService.createTaskQuery().taskCandidateGroup(StaffGroups.LEGAL_REVIEWERS)
                .includeAssignedTasks().count());
        if (existing >= pairs) {
            LOG.info("Reusing the {} open legal review tasks already in the database", existing);
            return;
        }
        identityService.clearAuthentication();
        Instant start = Instant.now();
        Instant newest = start.minus(Duration.ofHours(1));
        try {
            for (int from = existing; from < pairs; from += TASKS_PER_COMMAND) {
                int first = from;
                int last = Math.min(pairs, from + TASKS_PER_COMMAND);
                engineConfiguration.getCommandExecutorTxRequired().execute(commandContext -> {
                    for (int n = first; n < last; n++) {
                        Instant created = newest.minus(CREATION_STEP.multipliedBy(n));
                        String reference = String.format("BAS-2026-%06d", n + 1);
                        createReviewTask("Réaliser la revue juridique", StaffGroups.LEGAL_REVIEWERS, created, reference,
                                n % 20 == 0 ? LEGAL : null, commandContext);
                        createReviewTask("Réaliser la revue technique", StaffGroups.TECHNICAL_REVIEWERS,
                                created.plusSeconds(1), reference, n % 20 == 0 ? TECH : null, commandContext);
                    }
                    return null;
                });
            }
        } finally {
            ClockUtil.reset();
        }
        LOG.info("Created {} open review tasks in {} s", 2 * (pairs - existing),
                Duration.between(start, Instant.now()).toSeconds());
        jdbc.execute("ANALYZE");
    }

    /** What TaskService does for a new standalone task, a candidate group, a variable and a claim. */
    private static void createReviewTask(String name, String candidateGroup, Instant created, String reference,
            String assignee, CommandContext commandContext) {
        ClockUtil.setCurrentTime(Date.from(created));
        TaskEntity task = (TaskEntity) new CreateTaskCmd(null).execute(commandContext);
        task.setName(name);
        task.setDueDate(Date.from(created.plus(REVIEW_DELAY)));
        new SaveTaskCmd(task).execute(commandContext);
        new AddGroupIdentityLinkCmd(task.getId(), candidateGroup, IdentityLinkType.CANDIDATE).execute(commandContext);
        new SetTaskVariablesCmd(task.getId(), Map.of(REFERENCE, reference), true).execute(commandContext);
        if (assignee != null) {
            new ClaimTaskCmd(task.getId(), assignee).execute(commandContext);
        }
    }

    /** The premise of the figures: the engine gave the candidate group its per-task grant, as on process tasks. */
    private void checkAuthorizationRows(int legalTasks) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select A.TYPE_ as type, coalesce(A.GROUP_ID_, 'user ' || A.USER_ID_) as holder, A.PERMS_ as perms,
                       count(*) as rows
                from ACT_RU_AUTHORIZATION A
                where A.RESOURCE_TYPE_ = ? and A.RESOURCE_ID_ <> '*'
                group by A.TYPE_, coalesce(A.GROUP_ID_, 'user ' || A.USER_ID_), A.PERMS_
                order by rows desc""", Resources.TASK.resourceType());
        LOG.info("ACT_RU_AUTHORIZATION rows on single tasks:");
        rows.forEach(row -> LOG.info("  type {} holder {} perms {} : {} rows", row.get("type"), row.get("holder"),
                row.get("perms"), row.get("rows")));
        Long legalGrants = jdbc.queryForObject("""
                select count(*) from ACT_RU_TASK T
                join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = T.ID_ and I.TYPE_ = 'candidate' and I.GROUP_ID_ = ?
                join ACT_RU_AUTHORIZATION A on A.RESOURCE_ID_ = T.ID_ and A.RESOURCE_TYPE_ = ? and A.TYPE_ = 1
                     and A.GROUP_ID_ = I.GROUP_ID_""", Long.class, StaffGroups.LEGAL_REVIEWERS,
                Resources.TASK.resourceType());
        assertThat(legalGrants).as("group grants on the legal review tasks").isGreaterThanOrEqualTo(legalTasks);
    }

    private String filterId() {
        identityService.clearAuthentication();
        Filter filter = filterService.createFilterQuery().filterName(LEGAL_FILTER).singleResult();
        assertThat(filter).as("filter %s created by TasklistFilters", LEGAL_FILTER).isNotNull();
        return filter.getId();
    }

    /** As ReviewSteps records a conflict of interest: a user-level REVOKE of everything on one task. */
    private String declareConflictOfInterest() {
        identityService.clearAuthentication();
        Task task = taskService.createTaskQuery().taskCandidateGroup(StaffGroups.LEGAL_REVIEWERS).taskUnassigned()
                .orderByTaskCreateTime().desc().listPage(0, 1).get(0);
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(LEGAL);
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(task.getId());
        revoke.removePermission(Permissions.ALL);
        authorizationService.saveAuthorization(revoke);
        return revoke.getId();
    }

    // Measurements //////////////////////////////////////////////////////////////////////////////

    /**
     * What Tasklist asks when the viewer opens the filter: through the engine API, each query of the
     * list on its own; then over HTTP as Tasklist sends it.
     */
    private List<Measurement> inbox(int tasks, Viewer viewer) {
        String filterId = filterId();
        List<Measurement> measurements = new ArrayList<>();
        measurements.add(measureEngine(tasks, "FilterService.count", viewer, () -> filterService.count(filterId)));
        measurements.add(measureEngine(tasks, "FilterService.listPage(0, 15)", viewer,
                () -> (long) filterService.listPage(filterId, 0, PAGE_SIZE).size()));
        List<Task> page = asViewer(viewer, () -> filterService.<Task>listPage(filterId, 0, PAGE_SIZE));
        Set<String> scopeIds = new LinkedHashSet<>();
        page.forEach(task -> {
            scopeIds.add(task.getId());
            scopeIds.add(task.getExecutionId());
            scopeIds.add(task.getProcessInstanceId());
        });
        scopeIds.remove(null);
        measurements.add(measureEngine(tasks, "  list: card variables", viewer,
                () -> (long) runtimeService.createVariableInstanceQuery().disableBinaryFetching()
                        .disableCustomObjectDeserialization().variableNameIn(REFERENCE)
                        .variableScopeIdIn(scopeIds.toArray(String[]::new)).unlimitedList().size()));
        String[] assignees = page.stream().map(Task::getAssignee).filter(Objects::nonNull).distinct()
                .toArray(String[]::new);
        if (assignees.length > 0) {
            measurements.add(measureEngine(tasks, "  list: assignees", viewer,
                    () -> (long) identityService.createUserQuery().userIdIn(assignees).list().size()));
        }
        if (viewer.userId() == null) {
            return measurements;
        }
        HttpHeaders session = StaffLogin.webappSession(http, viewer.userId(), StaffLogin.DEMO_PASSWORD, "tasklist")
                .headers();
        measurements.add(measure(tasks, "GET  webapp filter/{id}/count", viewer, () -> {
            return countIn(http.exchange(WEBAPP_FILTER + "/count", HttpMethod.GET, new HttpEntity<>(session),
                    String.class, filterId));
        }));
        HttpHeaders list = new HttpHeaders();
        list.addAll(session);
        list.setContentType(MediaType.APPLICATION_JSON);
        list.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        measurements.add(measure(tasks, "POST webapp filter/{id}/list (HAL, 15)", viewer, () -> {
            return countIn(http.exchange(WEBAPP_FILTER + "/list?firstResult=0&maxResults=" + PAGE_SIZE,
                    HttpMethod.POST, new HttpEntity<>(TASKLIST_LIST_BODY, list), String.class, filterId));
        }));
        return measurements;
    }

    /** The "count" of a count or HAL list answer. */
    private static long countIn(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("answer %s", response).isTrue();
        Matcher count = COUNT.matcher(response.getBody());
        assertThat(count.find()).as("count in %s", response.getBody()).isTrue();
        return Long.parseLong(count.group(1));
    }

    private <T> T asViewer(Viewer viewer, Supplier<T> action) {
        if (viewer.userId() == null) {
            identityService.clearAuthentication();
        } else {
            identityService.setAuthentication(viewer.userId(), viewer.groups());
        }
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Measurement measureEngine(int tasks, String call, Viewer viewer, Supplier<Long> action) {
        return asViewer(viewer, () -> measure(tasks, call, viewer, action));
    }

    private Measurement measure(int tasks, String call, Viewer viewer, Supplier<Long> action) {
        long result = 0;
        for (int i = 0; i < warmup; i++) {
            result = action.get();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            result = action.get();
            nanos[i] = System.nanoTime() - start;
        }
        Measurement measurement = new Measurement(tasks, call, viewer, Stats.of(nanos), result);
        LOG.info("{} tasks, {} as {} (authorizations {}): median {} ms", tasks, call, viewer.label(), viewer.checks(),
                String.format("%.1f", measurement.stats().medianMs()));
        return measurement;
    }

    private void report(List<Measurement> measurements, Duration took) {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nReviewers' inbox, PostgreSQL, filter '%s', %d runs after %d warm-up runs, "
                + "load average %.2f, benchmark took %d s%n", LEGAL_FILTER, runs, warmup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), took.toSeconds()));
        table.append(String.format("Engine: authorizationCheckRevokes=%s%n",
                engineConfiguration.getAuthorizationCheckRevokes()));
        String line = "-".repeat(118) + "%n";
        table.append(String.format(line));
        table.append(String.format("%7s %-40s %-7s %-13s %9s %9s %9s %9s %6s%n", "tasks", "call", "user",
                "authorizations", "p50 ms", "p95 ms", "min ms", "max ms", "result"));
        table.append(String.format(line));
        for (Measurement m : measurements) {
            table.append(String.format("%7d %-40s %-7s %-13s %9.1f %9.1f %9.1f %9.1f %6d%n", m.tasks(), m.call(),
                    m.viewer().label(), m.viewer().checks(), m.stats().medianMs(), m.stats().p95Ms(),
                    m.stats().minMs(), m.stats().maxMs(), m.result()));
        }
        table.append(String.format(line));
        for (int tasks : sizes) {
            double worst = measurements.stream().filter(m -> m.tasks() == tasks && m.viewer().reviewer()
                    && !m.call().startsWith("  ")).mapToDouble(m -> m.stats().p95Ms()).max().orElseThrow();
            table.append(String.format("inbox p95 %.0f ms at %d tasks%n", worst, tasks));
        }
        LOG.info("{}", table);
    }
}
