package fr.bacasable.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.PostgresSuite;
import fr.bacasable.security.StaffGroups;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import org.springframework.transaction.support.TransactionTemplate;

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
 * <p>Volume: {@code bench.applications} (default 5,000) pairs of open review tasks, one for
 * {@code legal-reviewers} and one for {@code technical-reviewers}, created as standalone tasks
 * (no process instance) with the candidate group and a task variable {@code reference}: the engine
 * then grants the group READ and UPDATE on each task exactly as for the process's review tasks
 * (checked below in ACT_RU_AUTHORIZATION), for a fraction of the cost of running 5,000 applications
 * through the process. One task in twenty is claimed by the group's demo reviewer. A database
 * already holding the tasks is reused, so the figures can be taken again after a change.
 *
 * <p>Measured, {@code bench.runs} times (default 20) after {@code bench.warmup} runs (default 3):
 * the count and the first page of 15 tasks of a filter created by {@code TasklistFilters}, through
 * {@link FilterService}, then Tasklist's own calls over HTTP with Basic auth
 * ({@code GET /engine-rest/filter/{id}/count}, and {@code POST /engine-rest/filter/{id}/list} in
 * HAL, newest first, which runs the count and the page). Viewers: {@code legal} on "Mes revues
 * juridiques" (per-task group grants); {@code admin} on the same filter (a {@code camunda-admin}:
 * the engine still checks authorizations in queries, but the grants on '*' match at once);
 * {@code manager} on "Toutes les tâches" (READ_TASK on every process definition); no authenticated
 * user, as the engine's own code runs (checks skipped; engine API only); last {@code legal} once
 * a user-level REVOKE exists for them (a declared conflict of interest, recorded as
 * {@code ReviewSteps} does), which in the default mode {@code authorizationCheckRevokes=auto}
 * switches the engine to its other, revoke-aware SQL. The header of the table gives that mode; set
 * it with {@code -Dcamunda.bpm.authorization.authorization-check-revokes=always} to compare (the
 * generic property of the same name is overwritten by this one). To see the SQL, add
 * {@code -Dlogging.level.org.camunda.bpm.engine.impl.persistence.entity.TaskEntity=DEBUG}.
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class InboxBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(InboxBenchmark.class);

    private static final String PASSWORD = "it-Secret-42";
    private static final String LEGAL_FILTER = "Mes revues juridiques";
    private static final String ALL_TASKS_FILTER = "Toutes les tâches";
    private static final String LEGAL = "legal";
    private static final String TECH = "tech";
    private static final String ADMIN = "admin";
    private static final String MANAGER = "manager";
    private static final int PAGE_SIZE = 15;
    private static final int TASKS_PER_TRANSACTION = 250;
    private static final Duration CREATION_SPREAD = Duration.ofDays(60);
    private static final Duration REVIEW_DELAY = Duration.ofDays(10);
    /** Tasklist's body for the inbox's first page: newest first, active tasks only. */
    private static final String TASKLIST_LIST_BODY = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
            + "\"active\":true}";

    private final ProcessEngine processEngine;
    private final TaskService taskService;
    private final FilterService filterService;
    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final TestRestTemplate http;

    private final int applications = Integer.getInteger("bench.applications", 5_000);
    private final int runs = Integer.getInteger("bench.runs", 20);
    private final int warmup = Integer.getInteger("bench.warmup", 3);

    @Autowired
    InboxBenchmark(ProcessEngine processEngine, TaskService taskService, FilterService filterService,
            IdentityService identityService, AuthorizationService authorizationService,
            TransactionTemplate transactions, JdbcTemplate jdbc, TestRestTemplate http) {
        this.processEngine = processEngine;
        this.taskService = taskService;
        this.filterService = filterService;
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.http = http;
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
    }

    /** Who opens which Tasklist filter; a null user id means no authenticated user (engine API only). */
    private record Viewer(String userId, List<String> groups, String filterName, String checks) {

        String label() {
            return userId == null ? "(none)" : userId;
        }
    }

    /** One measured call: its label, who made it, and what it returns (the count or the page size). */
    private record Measurement(String call, Viewer viewer, Stats stats, long result) {
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
        seedReviewTasks();
        logAuthorizationRows();
        Viewer legal = new Viewer(LEGAL, List.of(StaffGroups.LEGAL_REVIEWERS), LEGAL_FILTER, "on");
        Viewer legalWithRevoke = new Viewer(LEGAL, List.of(StaffGroups.LEGAL_REVIEWERS), LEGAL_FILTER,
                "on, 1 REVOKE");
        Viewer admin = new Viewer(ADMIN, List.of(StaffGroups.CAMUNDA_ADMIN), LEGAL_FILTER, "on, '*' grants");
        Viewer manager = new Viewer(MANAGER, List.of(StaffGroups.PROGRAMME_MANAGERS), ALL_TASKS_FILTER,
                "on, '*' READ_TASK");
        Viewer engineItself = new Viewer(null, List.of(), LEGAL_FILTER, "skipped");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        List<Measurement> measurements = new ArrayList<>();
        measurements.addAll(inbox(legal));
        measurements.addAll(inbox(admin));
        measurements.addAll(inbox(manager));
        measurements.addAll(inbox(engineItself));
        String revokeId = declareConflictOfInterest();
        try {
            measurements.addAll(inbox(legalWithRevoke));
        } finally {
            authorizationService.deleteAuthorization(revokeId);
        }

        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        memory.gc();
        long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
        report(measurements, heapBefore, heapAfter, heapAfterGc, memory.getHeapMemoryUsage().getMax());

        assertThat(counts(measurements, legal)).containsOnly((long) applications);
        assertThat(counts(measurements, admin)).containsOnly((long) applications);
        assertThat(counts(measurements, engineItself)).containsOnly((long) applications);
        assertThat(counts(measurements, legalWithRevoke)).containsOnly(applications - 1L);
        assertThat(counts(measurements, manager)).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(
                2L * applications));
    }

    private static List<Long> counts(List<Measurement> measurements, Viewer viewer) {
        return measurements.stream().filter(m -> m.viewer() == viewer && !m.call().contains("listPage"))
                .map(Measurement::result).toList();
    }

    // Volume ////////////////////////////////////////////////////////////////////////////////////

    private void seedReviewTasks() {
        long existing = taskService.createTaskQuery().taskCandidateGroup(StaffGroups.LEGAL_REVIEWERS)
                .includeAssignedTasks().count();
        if (existing >= applications) {
            LOG.info("Reusing the {} open legal review tasks already in the database", existing);
            return;
        }
        identityService.clearAuthentication();
        Instant start = Instant.now();
        Instant firstCreation = start.minus(CREATION_SPREAD);
        long step = CREATION_SPREAD.toMillis() / applications;
        try {
            for (int from = (int) existing; from < applications; from += TASKS_PER_TRANSACTION) {
                int first = from;
                int last = Math.min(applications, from + TASKS_PER_TRANSACTION);
                transactions.executeWithoutResult(status -> {
                    for (int n = first; n < last; n++) {
                        Instant created = firstCreation.plusMillis(n * step);
                        String reference = String.format("BAS-2026-%05d", n + 1);
                        createReviewTask("Réaliser la revue juridique", StaffGroups.LEGAL_REVIEWERS, created, reference,
                                n % 20 == 0 ? LEGAL : null);
                        createReviewTask("Réaliser la revue technique", StaffGroups.TECHNICAL_REVIEWERS,
                                created.plusSeconds(1), reference, n % 20 == 0 ? TECH : null);
                    }
                });
            }
        } finally {
            ClockUtil.reset();
        }
        LOG.info("Created {} open review tasks in {} s", 2 * (applications - existing),
                Duration.between(start, Instant.now()).toSeconds());
        jdbc.execute("ANALYZE");
    }

    private void createReviewTask(String name, String candidateGroup, Instant created, String reference,
            String assignee) {
        ClockUtil.setCurrentTime(Date.from(created));
        Task task = taskService.newTask();
        task.setName(name);
        task.setDueDate(Date.from(created.plus(REVIEW_DELAY)));
        taskService.saveTask(task);
        taskService.addCandidateGroup(task.getId(), candidateGroup);
        taskService.setVariableLocal(task.getId(), "reference", reference);
        if (assignee != null) {
            taskService.claim(task.getId(), assignee);
        }
    }

    /** The premise of the figures: the engine gave each candidate group its per-task grant. */
    private void logAuthorizationRows() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select A.RESOURCE_TYPE_ as resource_type, A.TYPE_ as type,
                       coalesce(A.GROUP_ID_, 'user ' || A.USER_ID_) as holder, A.PERMS_ as perms, count(*) as rows
                from ACT_RU_AUTHORIZATION A
                where A.RESOURCE_TYPE_ = ? and A.RESOURCE_ID_ <> '*'
                group by A.RESOURCE_TYPE_, A.TYPE_, coalesce(A.GROUP_ID_, 'user ' || A.USER_ID_), A.PERMS_
                order by rows desc""", Resources.TASK.resourceType());
        LOG.info("ACT_RU_AUTHORIZATION rows on single tasks (resource type {} = TASK):", Resources.TASK.resourceType());
        rows.forEach(row -> LOG.info("  type {} holder {} perms {} : {} rows", row.get("type"), row.get("holder"),
                row.get("perms"), row.get("rows")));
        Long total = jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION", Long.class);
        LOG.info("ACT_RU_AUTHORIZATION: {} rows in all", total);
        Long legalGrants = jdbc.queryForObject("""
                select count(*) from ACT_RU_TASK T
                join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = T.ID_ and I.TYPE_ = 'candidate' and I.GROUP_ID_ = ?
                join ACT_RU_AUTHORIZATION A on A.RESOURCE_ID_ = T.ID_ and A.RESOURCE_TYPE_ = ? and A.TYPE_ = 1
                     and A.GROUP_ID_ = I.GROUP_ID_""", Long.class, StaffGroups.LEGAL_REVIEWERS, Resources.TASK.resourceType());
        assertThat(legalGrants).as("group grants on the legal review tasks").isGreaterThanOrEqualTo(applications);
    }

    private String filterId(String name) {
        identityService.clearAuthentication();
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        assertThat(filter).as("filter %s created by TasklistFilters", name).isNotNull();
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
     * What Tasklist asks when the viewer opens the filter: its count (the filter list shows it) and its
     * first page; through the engine API, then over HTTP as Tasklist sends it.
     */
    private List<Measurement> inbox(Viewer viewer) {
        String filterId = filterId(viewer.filterName());
        List<Measurement> measurements = new ArrayList<>();
        measurements.add(measureEngine("FilterService.count", viewer, () -> filterService.count(filterId)));
        measurements.add(measureEngine("FilterService.listPage(0, 15)", viewer,
                () -> (long) filterService.listPage(filterId, 0, PAGE_SIZE).size()));
        if (viewer.userId() == null) {
            return measurements;
        }
        TestRestTemplate client = http.withBasicAuth(viewer.userId(), PASSWORD);
        measurements.add(measure("GET /engine-rest/filter/{id}/count", viewer, () -> {
            ResponseEntity<Map> response = client.getForEntity("/engine-rest/filter/{id}/count", Map.class, filterId);
            assertThat(response.getStatusCode().is2xxSuccessful()).as("count as %s", viewer.userId()).isTrue();
            return ((Number) response.getBody().get("count")).longValue();
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
        measurements.add(measure("POST /engine-rest/filter/{id}/list (HAL, 15)", viewer, () -> {
            ResponseEntity<Map> response = client.exchange(
                    "/engine-rest/filter/{id}/list?firstResult=0&maxResults=" + PAGE_SIZE, HttpMethod.POST,
                    new HttpEntity<>(TASKLIST_LIST_BODY, headers), Map.class, filterId);
            assertThat(response.getStatusCode().is2xxSuccessful()).as("list as %s", viewer.userId()).isTrue();
            return ((Number) response.getBody().get("count")).longValue();
        }));
        return measurements;
    }

    private Measurement measureEngine(String call, Viewer viewer, Supplier<Long> action) {
        if (viewer.userId() == null) {
            identityService.clearAuthentication();
        } else {
            identityService.setAuthentication(viewer.userId(), viewer.groups());
        }
        try {
            return measure(call, viewer, action);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Measurement measure(String call, Viewer viewer, Supplier<Long> action) {
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
        Measurement measurement = new Measurement(call, viewer, Stats.of(nanos), result);
        LOG.info("{} of '{}' as {} (authorizations {}): median {} ms", call, viewer.filterName(), viewer.label(),
                viewer.checks(), String.format("%.1f", measurement.stats().medianMs()));
        return measurement;
    }

    private void report(List<Measurement> measurements, long heapBefore, long heapAfter, long heapAfterGc,
            long heapMax) {
        StringBuilder table = new StringBuilder();
        table.append(String.format("%nReviewers' inbox, PostgreSQL, %d open review tasks (%d for legal-reviewers), "
                + "%d runs after %d warm-up runs, load average %.2f%n", 2 * applications, applications, runs, warmup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        table.append(String.format("Engine: authorizationCheckRevokes=%s; PostgreSQL: random_page_cost=%s, "
                + "extended statistics on ACT_RU_AUTHORIZATION: %s%n",
                processEngine.getProcessEngineConfiguration().getAuthorizationCheckRevokes(),
                jdbc.queryForObject("show random_page_cost", String.class),
                jdbc.queryForObject("select coalesce(string_agg(stxname, ', '), 'none') from pg_statistic_ext"
                        + " where stxrelid = 'act_ru_authorization'::regclass", String.class)));
        String line = "-".repeat(143) + "%n";
        table.append(String.format(line));
        table.append(String.format("%-45s %-8s %-22s %-18s %9s %9s %9s %9s %6s%n", "call", "user", "filter",
                "authorizations", "median ms", "p95 ms", "min ms", "max ms", "result"));
        table.append(String.format(line));
        for (Measurement m : measurements) {
            table.append(String.format("%-45s %-8s %-22s %-18s %9.1f %9.1f %9.1f %9.1f %6d%n", m.call(),
                    m.viewer().label(), m.viewer().filterName(), m.viewer().checks(), m.stats().medianMs(),
                    m.stats().p95Ms(), m.stats().minMs(), m.stats().maxMs(), m.result()));
        }
        table.append(String.format(line));
        table.append(String.format("JVM heap used: %d MB before the runs (after GC), %d MB after them, %d MB after GC;"
                + " max %d MB%n", mb(heapBefore), mb(heapAfter), mb(heapAfterGc), mb(heapMax)));
        LOG.info("{}", table);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }
}
