package fr.bacasable.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.ServerSetup;
import fr.bacasable.PostgresSuite;
import fr.bacasable.StaffLogin;
import fr.bacasable.application.ApplicationReviewVariables;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.selection.SelectionDriver;
import fr.bacasable.selection.SelectionDriver.Submitted;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A campaign of {@code bench.applications} (default 10,000) applications on PostgreSQL, from its closing
 * to the letters, with a local SMTP server (GreenMail) receiving the letters. The closing's jobs run in
 * the test's thread; from the president's confirmation on, the engine's job executor runs the jobs
 * (announcement pages, each application's outcome and letter) on its threads, as in production.
 * Prints the time of each phase and the heap's peak; asserts that every application got one
 * outcome and one letter, no timing. Run on demand, never by {@code ./mvnw verify} (the name does
 * not end in Test or Tests):
 *
 * <pre>
 * createdb -h 127.0.0.1 -U postgres bench_campaign
 * BAS_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/bench_campaign \
 *   ./mvnw -B test -Dtest=LargeCampaignBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * dropdb -h 127.0.0.1 -U postgres bench_campaign
 * </pre>
 *
 * <p>Before the clock starts, one application goes through the real process (submission,
 * completeness, both reviews) with every text at its maximum length (title 200 characters, summary,
 * legal questions and each of the eight justifications 4000); the others are copies of it made in
 * SQL, each with its own scores (one in five rejected by the review), and their processes are started
 * where a reviewed application waits for the selection. Then, timed: the closing (ranking and
 * proposal), the selection page as a programme manager, the committee's proposal, the president's
 * confirmation, every application told its outcome, every letter sent.
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
class LargeCampaignBenchmark {

    static final int APPLICATIONS = Integer.getInteger("bench.applications", 10_000);
    static final Duration PHASE_LIMIT = Duration.ofMinutes(Integer.getInteger("bench.phase-minutes", 90));
    static final String PASSWORD = "it-Secret-42";
    static final int SMTP_PORT = 3025 + (int) (ProcessHandle.current().pid() % 1000);
    static final int SEED_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LargeCampaignBenchmark.class);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void postgresAndMail(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("bas.mail.from", () -> "Bac à sable données personnelles <bac-a-sable@cnil.test>");
    }

    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NotificationService notifications;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TestRestTemplate http;

    private final List<String> figures = new ArrayList<>();
    private SelectionDriver driver;

    @Test
    void campaignFromClosingToLetters() {
        driver = new SelectionDriver(campaigns, intake, runtimeService, taskService, managementService,
                identityService, jdbc, notifications);
        String campaignId = driver.publish(30, 30, 20);
        long seeding = System.nanoTime();
        Submitted template = templateApplication(campaignId);
        copies(campaignId, template);
        startWaitingProcesses(campaignId, template);
        // Statistics as autovacuum keeps them on a database filled over weeks, not seconds.
        jdbc.sql("ANALYZE").update();
        figure("seeding (not part of the product's path)", seeding);
        String selectionProcess = driver.selectionProcess(campaignId);

        // The closing's jobs run here, one after the other, as the job executor would run them.
        long closing = System.nanoTime();
        driver.close(campaignId);
        assertThat(driver.taskOf(selectionProcess, "Task_ProposeSelection")).isNotNull();
        figure("closing, ranking and proposal", closing);

        String cookie = login("manager");
        long page = System.nanoTime();
        ResponseEntity<String> selection = http.exchange("/staff/campaigns/" + campaignId + "/selection",
                HttpMethod.GET, new HttpEntity<>(cookieHeader(cookie)), String.class);
        figure("selection page (" + selection.getBody().length() / 1024 + " KiB)", page);
        assertThat(selection.getStatusCode()).isEqualTo(HttpStatus.OK);

        long proposal = System.nanoTime();
        driver.complete("committee", List.of("selection-committee"),
                driver.taskOf(selectionProcess, "Task_ProposeSelection"), Map.of());
        figure("committee's proposal", proposal);

        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getJobExecutor();
        jobExecutor.start();
        try {
            long decision = System.nanoTime();
            driver.complete("president", List.of("president"), driver.taskOf(selectionProcess, "Task_DecideSelection"),
                    Map.of("selectionDecision", "CONFIRM"));
            figure("president's confirmation", decision);

            long announcing = System.nanoTime();
            waitFor("every application told", () -> count("SELECT COUNT(*) FROM selection_line WHERE campaign_id = "
                    + ":campaignId AND announced_at IS NULL", campaignId) == 0);
            figure("every application told its outcome", announcing);
            waitFor("every letter sent", () -> {
                forgetReceivedMails();
                return count("SELECT COUNT(*) FROM outbox_message o JOIN application a ON a.id = o.application_id "
                        + "WHERE a.campaign_id = :campaignId AND o.template = 'SELECTION_DECISION' "
                        + "AND o.status = 'SENT'", campaignId) == APPLICATIONS;
            });
            waitFor("the campaign's process ended", () -> runtimeService.createProcessInstanceQuery()
                    .processInstanceId(selectionProcess).count() == 0);
            figure("every letter sent, from the confirmation", announcing);
            figure("from the closing to the last letter", closing);
        } finally {
            jobExecutor.shutdown();
        }
        assertThat(count("SELECT COUNT(*) FROM outbox_message o JOIN application a ON a.id = o.application_id "
                + "WHERE a.campaign_id = :campaignId AND o.template = 'SELECTION_DECISION'", campaignId))
                .as("one letter per application").isEqualTo(APPLICATIONS);
        assertThat(count("SELECT COUNT(DISTINCT application_id) FROM selection_event WHERE campaign_id = :campaignId "
                + "AND event_type = 'ANNOUNCED'", campaignId)).isEqualTo(APPLICATIONS);
        figures.add(String.format("heap peak %d MiB (max %d MiB)", heapPeak() / (1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        LOG.info("Campaign of {} applications on PostgreSQL, job executor {}:\n{}", APPLICATIONS,
                jobExecutor.getClass().getSimpleName(), String.join("\n", figures));
    }

    /** One application through the real process, its texts then lengthened to their maximum. */
    private Submitted templateApplication(String campaignId) {
        Submitted template = driver.submit(campaignId, "Projet 000000 : " + "x".repeat(184));
        driver.review(template, new double[] {4, 4, 4, 4}, new double[] {4, 4, 4, 4});
        jdbc.sql("UPDATE application SET project_summary = :text, legal_questions = :text, organisation_name = :name, "
                        + "contact_name = :name WHERE id = :id")
                .param("text", "Résumé ".repeat(600).substring(0, 4000)).param("name", "N".repeat(200))
                .param("id", template.applicationId()).update();
        String justification = "Appréciation ".repeat(400).substring(0, 4000);
        jdbc.sql("UPDATE review SET relevance_justification = :text, data_protection_interest_justification = :text, "
                        + "quality_justification = :text, impact_justification = :text, remarks = :text "
                        + "WHERE application_id = :id")
                .param("text", justification).param("id", template.applicationId()).update();
        return template;
    }

    /** The other applications, copied in SQL from the template with their own scores and review outcome. */
    private void copies(String campaignId, Submitted template) {
        List<String> columns = jdbc.sql("SELECT column_name FROM information_schema.columns "
                        + "WHERE table_name = 'application' ORDER BY ordinal_position")
                .query(String.class).list();
        Map<String, String> overrides = Map.ofEntries(
                Map.entry("id", "md5(random()::text || n)"),
                Map.entry("reference", "'BENCH-' || lpad(n::text, 8, '0')"),
                Map.entry("tracking_token_hash", "md5(random()::text) || md5(random()::text)"),
                Map.entry("project_title", "'Projet ' || lpad(n::text, 6, '0') || ' : ' || repeat('x', 184)"),
                Map.entry("process_instance_id", "NULL"),
                Map.entry("submitted_at", "t.submitted_at + n * INTERVAL '1 second'"),
                Map.entry("status", "CASE WHEN n % 5 = 4 THEN 'REJECTED' ELSE 'SHORTLISTED' END"),
                Map.entry("review_recommendation", "CASE WHEN n % 5 = 4 THEN 'REJECT' ELSE 'SHORTLIST' END"),
                Map.entry("review_rejection_reason", "CASE WHEN n % 5 = 4 THEN t.project_title END"),
                Map.entry("relevance_score", "CASE WHEN n % 5 = 4 THEN 2 ELSE 3 + (n % 5) * 0.5 END"),
                Map.entry("data_protection_interest_score", "3 + (n % 3) * 0.5"),
                Map.entry("quality_score", "4"),
                Map.entry("impact_score", "3 + (n % 7 % 3) * 0.5"));
        String select = String.join(", ", columns.stream()
                .map(column -> overrides.getOrDefault(column, "t." + column)).toList());
        jdbc.sql("INSERT INTO application (" + String.join(", ", columns) + ") SELECT " + select
                        + " FROM application t CROSS JOIN generate_series(1, :copies) n WHERE t.id = :template")
                .param("copies", APPLICATIONS - 1).param("template", template.applicationId()).update();
        jdbc.sql("INSERT INTO review (id, application_id, kind, reviewer, relevance_score, relevance_justification, "
                        + "data_protection_interest_score, data_protection_interest_justification, quality_score, "
                        + "quality_justification, impact_score, impact_justification, remarks, completed_at) "
                        + "SELECT md5(random()::text), a.id, r.kind, r.reviewer, a.relevance_score, "
                        + "r.relevance_justification, a.data_protection_interest_score, "
                        + "r.data_protection_interest_justification, a.quality_score, r.quality_justification, "
                        + "a.impact_score, r.impact_justification, r.remarks, r.completed_at "
                        + "FROM application a CROSS JOIN review r WHERE a.campaign_id = :campaignId "
                        + "AND a.id <> :template AND r.application_id = :template")
                .param("campaignId", campaignId).param("template", template.applicationId()).update();
    }

    /** Each copy's process, started where a reviewed application waits for the selection. */
    private void startWaitingProcesses(String campaignId, Submitted template) {
        List<Map.Entry<String, String>> copies = jdbc.sql("SELECT id, reference FROM application "
                        + "WHERE campaign_id = :campaignId AND id <> :template ORDER BY reference")
                .param("campaignId", campaignId).param("template", template.applicationId())
                .query((rs, row) -> Map.entry(rs.getString("id"), rs.getString("reference"))).list();
        for (int from = 0; from < copies.size(); from += SEED_BATCH) {
            List<Map.Entry<String, String>> batch = copies.subList(from, Math.min(copies.size(), from + SEED_BATCH));
            transactions.executeWithoutResult(status -> batch.forEach(copy -> {
                String processInstanceId = runtimeService.createProcessInstanceByKey(
                                ApplicationReviewVariables.PROCESS_KEY)
                        .businessKey(copy.getValue())
                        .setVariable(ApplicationReviewVariables.APPLICATION_ID, copy.getKey())
                        .setVariable(ApplicationReviewVariables.REFERENCE, copy.getValue())
                        .setVariable(ApplicationReviewVariables.CAMPAIGN_ID, campaignId)
                        .startBeforeActivity("Task_AwaitSelection")
                        .execute().getId();
                jdbc.sql("UPDATE application SET process_instance_id = :process WHERE id = :id")
                        .param("process", processInstanceId).param("id", copy.getKey()).update();
            }));
        }
    }

    private void waitFor(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, PHASE_LIMIT).isLessThan(deadline);
            assertThat(managementService.createJobQuery().noRetriesLeft().count()).as("jobs out of retries").isZero();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** GreenMail keeps every message in memory: the letters are counted in the outbox, not kept. */
    private static void forgetReceivedMails() {
        try {
            smtp.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql, String campaignId) {
        return jdbc.sql(sql).param("campaignId", campaignId).query(Integer.class).single();
    }

    private void figure(String what, long since) {
        String line = String.format("%-45s %8.1f s", what, (System.nanoTime() - since) / 1e9);
        LOG.info(line);
        figures.add(line);
    }

    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    private String login(String userId) {
        return StaffLogin.cookie(http, userId, PASSWORD);
    }

    private static HttpHeaders cookieHeader(String cookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookie);
        return headers;
    }
}
