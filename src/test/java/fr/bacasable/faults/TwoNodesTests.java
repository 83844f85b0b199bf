package fr.bacasable.faults;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.PostgresSuite;
import fr.bacasable.faults.CampaignScript.Accepted;
import fr.bacasable.faults.ProgrammeClient.OpenTask;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application nodes (two JVMs) on one PostgreSQL database, both job executors on, requests sent
 * to each in turn: a campaign reaches its letters with every job run once and every letter sent once;
 * fifty staff completions of one task at once (half on each node): exactly one wins, nothing is
 * written twice, every other one gets the French 409. The
 * tests share the nodes and the demo campaign, in order: the raced application is reviewed with the
 * others.
 */
@ExtendWith(PostgresSuite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTests {

    private static final Logger LOG = LoggerFactory.getLogger(TwoNodesTests.class);
    static final int APPLICATIONS = 10;
    static final int COMPLETIONS = 50;
    static final String CONCURRENT_CHANGE = "Cette tâche vient d'être traitée par quelqu'un d'autre";

    private static ScratchDatabase database;
    private static SmtpServer smtp;
    private static ChildApp nodeA;
    private static ChildApp nodeB;
    private static final ProgrammeClient CLIENT = new ProgrammeClient();
    private static final List<Accepted> ACCEPTED = new ArrayList<>();
    private static CampaignScript script;
    private static String campaignId;

    @BeforeAll
    static void startTwoNodes() {
        ACCEPTED.clear();
        database = ScratchDatabase.create("nodes");
        smtp = new SmtpServer();
        nodeA = node("node-a");
        nodeB = node("node-b");
        LOG.info("node-a ready in {} ms (creates the schema)", nodeA.start().toMillis());
        LOG.info("node-b ready in {} ms", nodeB.start().toMillis());
        script = new CampaignScript(CLIENT, List.of(nodeA, nodeB));
        campaignId = script.openCampaign();
    }

    @AfterAll
    static void stopTwoNodes() {
        try (ScratchDatabase closingDatabase = database; SmtpServer closingSmtp = smtp; ChildApp a = nodeA;
                ChildApp b = nodeB) {
            LOG.info("Stopping {} and {}", a.name(), b.name());
        }
    }

    @Test
    @Order(1)
    void fiftyCompletionsOfOneTaskAtOnceOneWinsNothingIsWrittenTwice() throws Exception {
        Accepted application = script.submit(campaignId, APPLICATIONS + 1);
        ACCEPTED.add(application);
        OpenTask task = awaitCompletenessTask(application);
        CLIENT.claim(nodeA, "manager", task.id());
        List<HttpResponse<String>> responses = raceCompletions(task);

        Map<Integer, Long> statuses = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode,
                Collectors.counting()));
        LOG.info("{} completions of one task at once on two nodes: {}; answers: {}", COMPLETIONS, statuses,
                responses.stream().collect(Collectors.toMap(HttpResponse::statusCode, HttpResponse::body,
                        (first, other) -> first)));
        assertThat(statuses).as("one winner, every other a conflict").isEqualTo(Map.of(204, 1L, 409, COMPLETIONS - 1L));
        assertThat(responses).filteredOn(response -> response.statusCode() == 409)
                .allSatisfy(conflict -> assertThat(conflict.body()).contains(CONCURRENT_CHANGE));

        JdbcClient jdbc = database.jdbc();
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM application_event e JOIN application a ON a.id = e.application_id
                        WHERE a.reference = :reference AND e.event_type = 'COMPLETENESS_CONFIRMED'""")
                .param("reference", application.reference()).query(Long.class).single())
                .as("completeness confirmed once").isEqualTo(1);
        Map<String, Long> reviews = jdbc.sql("""
                        SELECT t.task_def_key_, COUNT(*) FROM act_ru_task t
                        JOIN act_ru_execution p ON p.id_ = t.proc_inst_id_ WHERE p.business_key_ = :reference
                        GROUP BY t.task_def_key_""").param("reference", application.reference())
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(reviews).as("open tasks after the race").isEqualTo(
                Map.of("Task_ReviewLegal", 1L, "Task_ReviewTechnical", 1L));
    }

    @Test
    @Order(2)
    void aCampaignReachesItsLettersWithEveryJobAndEveryLetterOnce() {
        for (int index = 1; index <= APPLICATIONS; index++) {
            ACCEPTED.add(script.submit(campaignId, index));
        }
        script.review(ACCEPTED, action -> { });
        script.closeAndPropose(campaignId);
        script.confirmSelection();
        CampaignChecks checks = new CampaignChecks(database.jdbc(), smtp);
        checks.awaitDecisionLetters(ACCEPTED.size(), Duration.ofMinutes(3));
        assertThat(checks.awaitDrained(Duration.ofMinutes(2))).as("backlog drained").isPresent();

        checks.assertNoApplicationLost(CampaignScript.references(ACCEPTED));
        checks.assertNoIncident();
        checks.assertOneDecisionLetterEach(CampaignScript.references(ACCEPTED));
        assertThat(checks.assertMailsDelivered(Set.of())).as("mails received twice").isEmpty();
        assertThat(ACCEPTED.stream().map(script::status).collect(Collectors.toSet()))
                .isSubsetOf(CampaignScript.FINAL_OUTCOMES);
        assertEveryJobRanOnceOnBothNodes(database.jdbc());
        assertThat(CLIENT.anomalies()).as("answers no user may get").isEmpty();
    }

    private static void assertEveryJobRanOnceOnBothNodes(JdbcClient jdbc) {
        assertThat(jdbc.sql("""
                        SELECT job_id_ FROM act_hi_job_log WHERE job_state_ = 2
                        GROUP BY job_id_ HAVING COUNT(*) > 1""").query(String.class).list())
                .as("jobs run more than once").isEmpty();
        assertThat(jdbc.sql("""
                        SELECT DISTINCT c.job_def_type_ || ' ' || COALESCE(c.act_id_, '') FROM act_hi_job_log c
                        WHERE c.job_state_ = 0
                        AND NOT EXISTS (SELECT 1 FROM act_hi_job_log e WHERE e.job_id_ = c.job_id_ AND e.job_state_ IN (2, 3))
                        AND NOT EXISTS (SELECT 1 FROM act_ru_job r WHERE r.id_ = c.job_id_)""")
                .query(String.class).list()).as("jobs created and never run").isEmpty();
        Map<String, Long> byNode = jdbc.sql("""
                        SELECT hostname_, COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 GROUP BY hostname_""")
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long failedAttempts = jdbc.sql("SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 1")
                .query(Long.class).single();
        LOG.info("Jobs run per node: {}; failed attempts (retried): {}", byNode, failedAttempts);
        assertThat(byNode.keySet()).as("nodes that ran jobs (how the two executors share them varies; printed)")
                .isNotEmpty().isSubsetOf(nodeA.name(), nodeB.name());
    }

    private static OpenTask awaitCompletenessTask(Accepted application) {
        Instant limit = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(limit)) {
            List<OpenTask> tasks = CLIENT.tasks(nodeB, "manager", Map.of("processInstanceBusinessKey",
                    application.reference(), "taskDefinitionKey", "Task_CheckCompleteness"));
            if (!tasks.isEmpty()) {
                return tasks.get(0);
            }
            ChildApp.pause(Duration.ofMillis(200));
        }
        throw new AssertionError("No completeness check for " + application.reference());
    }

    /** Fifty submissions of the task's form at once, half to each node; every answer as it came. */
    private static List<HttpResponse<String>> raceCompletions(OpenTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(COMPLETIONS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int attempt = 0; attempt < COMPLETIONS; attempt++) {
                ChildApp node = attempt % 2 == 0 ? nodeA : nodeB;
                futures.add(pool.submit(() -> {
                    start.await();
                    return CLIENT.submitOnce(node, "manager", task.id(), Map.of("completeness", "COMPLETE"));
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(2, TimeUnit.MINUTES));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ChildApp node(String name) {
        return ChildApp.onPostgres(name, database.url(), PostgresSuite.user(), PostgresSuite.password(), smtp.port(),
                Map.of());
    }
}
