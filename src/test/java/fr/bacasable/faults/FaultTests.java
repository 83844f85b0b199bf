package fr.bacasable.faults;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.PostgresSuite;
import fr.bacasable.faults.CampaignScript.Accepted;
import fr.bacasable.faults.Chaos.Recovery;
import fr.bacasable.shared.CuttableTcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #9's fault test: the application in a JVM of its own on PostgreSQL, with a real SMTP server,
 * runs a campaign over HTTP to its letters while it is killed ({@code kill -9}) at random points
 * (seeded, printed) during submissions, reviews, the announcement and the letters and restarted on
 * the same database; SMTP stops for half a minute; the database "restarts" once (a proxy drops every
 * connection and refuses new ones for 10 s) without restarting the application. After each fault:
 * no application lost, no incident, every e-mail sent, a mail twice only when it was unsent at a
 * crash (same Message-ID); at the end every application has exactly one outcome and one letter.
 * Recovery times are printed. Rerun a failure with {@code -Dbas.faults.seed=<the printed seed>}.
 */
@ExtendWith(PostgresSuite.class)
class FaultTests {

    private static final Logger LOG = LoggerFactory.getLogger(FaultTests.class);
    static final int BEFORE_MAIL_OUTAGE = 8;
    static final int APPLICATIONS = 12;
    static final Duration MAIL_OUTAGE = Duration.ofSeconds(30);
    static final Duration DATABASE_OUTAGE = Duration.ofSeconds(10);
    /**
     * Issue #9: recovery after a crash or a restart within 60 seconds, counted from the node answering
     * again (how long a JVM takes to start depends on the machine's load, not on the application).
     */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    static final Duration STEP_LIMIT = Duration.ofMinutes(3);

    @Test
    void aCampaignReachesItsLettersThroughCrashesAMailOutageAndADatabaseRestart() throws Exception {
        long seed = Long.getLong("bas.faults.seed", System.nanoTime());
        LOG.info("FAULT TEST seed {} (rerun with -Dbas.faults.seed={})", seed, seed);
        Random random = new Random(seed);
        List<String> figures = new ArrayList<>();
        try (ScratchDatabase database = ScratchDatabase.create("faults");
                SmtpServer smtp = new SmtpServer();
                CuttableTcpProxy proxy = new CuttableTcpProxy(database.serverHost(), database.serverPort());
                ChildApp node = ChildApp.onPostgres("fault-node", database.urlThrough("127.0.0.1", proxy.port()),
                        PostgresSuite.user(), PostgresSuite.password(), smtp.port(), Map.of())) {
            CampaignChecks checks = new CampaignChecks(database.jdbc(), smtp);
            ProgrammeClient client = new ProgrammeClient();
            CampaignScript script = new CampaignScript(client, List.of(node));
            try (Chaos chaos = new Chaos(node, proxy, checks)) {
                figures.add("first start: ready in " + node.start().toMillis() + " ms");
                String campaignId = script.openCampaign();
                List<Accepted> accepted = new ArrayList<>();

                int crashAfter = 1 + random.nextInt(BEFORE_MAIL_OUTAGE - 2);
                List<CompletableFuture<Recovery>> submissionFaults = new ArrayList<>();
                for (int index = 1; index <= BEFORE_MAIL_OUTAGE; index++) {
                    accepted.add(script.submit(campaignId, index));
                    if (index == crashAfter) {
                        submissionFaults.add(chaos.crash("submissions", jitter(random, 200)));
                    }
                }
                awaitAll(submissionFaults);
                assertSound(checks, chaos, accepted);

                figures.add(mailOutage(smtp, checks, script, campaignId, accepted));
                assertSound(checks, chaos, accepted);

                int reviewCrashAt = 2 + random.nextInt(10);
                int databaseRestartAt = reviewCrashAt + 8 + random.nextInt(8);
                List<CompletableFuture<Recovery>> reviewFaults = new ArrayList<>();
                script.review(accepted, action -> {
                    if (action == reviewCrashAt) {
                        reviewFaults.add(chaos.crash("reviews", jitter(random, 300)));
                    }
                    if (action == databaseRestartAt) {
                        reviewFaults.add(chaos.databaseRestart("reviews", jitter(random, 300), DATABASE_OUTAGE));
                    }
                });
                awaitAll(reviewFaults);
                assertSound(checks, chaos, accepted);

                script.closeAndPropose(campaignId);
                script.confirmSelection();
                int lettersBeforeCrash = 1 + random.nextInt(APPLICATIONS / 2);
                List<CompletableFuture<Recovery>> letterFaults = List.of(
                        chaos.crash("announcement", jitter(random, 800)),
                        chaos.crashWhen("letters", () -> checks.decisionLettersSent() >= lettersBeforeCrash,
                                jitter(random, 100)));
                awaitAll(letterFaults);
                checks.awaitDecisionLetters(APPLICATIONS, STEP_LIMIT);
                assertThat(checks.awaitDrained(STEP_LIMIT)).as("backlog drained after the letters").isPresent();

                Map<String, Long> duplicates = assertSound(checks, chaos, accepted);
                assertOneOutcomeEach(script, checks, accepted);
                figures.add("mails received: " + smtp.received().size() + " for "
                        + checks.sentCount() + " outbox messages; received twice: " + duplicates
                        + " (unsent at a fault: " + chaos.inFlight().size() + ")");
                chaos.recoveries().forEach(recovery -> figures.add(recovery.describe()));
                LOG.info("FAULT TEST figures (seed {}):\n  {}", seed, String.join("\n  ", figures));
                assertThat(client.anomalies()).as("answers no user may get (500, false 409), the database restart "
                        + "included").isEmpty();
                assertThat(chaos.recoveries()).filteredOn(recovery -> !recovery.interrupted())
                        .as("backlog drained within %s of the node answering again", RECOVERY_LIMIT)
                        .allSatisfy(recovery -> assertThat(recovery.toDrained()).as(recovery.fault())
                                .hasValueSatisfying(drained -> assertThat(drained.minus(recovery.toReady()))
                                        .isLessThan(RECOVERY_LIMIT)));
            } finally {
                LOG.info("FAULT TEST figures so far (seed {}):\n  {}", seed, String.join("\n  ", figures));
            }
        }
    }

    /**
     * SMTP down: applications still come in and reach the completeness check; when it is back, every
     * receipt goes out once. Returns the figures.
     */
    private static String mailOutage(SmtpServer smtp, CampaignChecks checks, CampaignScript script, String campaignId,
            List<Accepted> accepted) {
        smtp.stop();
        Instant down = Instant.now();
        LOG.info("FAULT SMTP down for {} s", MAIL_OUTAGE.toSeconds());
        List<Accepted> duringOutage = new ArrayList<>();
        for (int index = BEFORE_MAIL_OUTAGE + 1; index <= APPLICATIONS; index++) {
            duringOutage.add(script.submit(campaignId, index));
        }
        accepted.addAll(duringOutage);
        Instant limit = down.plus(MAIL_OUTAGE);
        while (!duringOutage.stream().allMatch(script::awaitsCompleteness)) {
            assertThat(Instant.now()).as("applications submitted while SMTP is down reach the completeness check "
                    + "before it comes back").isBefore(limit);
            ChildApp.pause(Duration.ofMillis(300));
        }
        Duration intake = Duration.between(down, Instant.now());
        ChildApp.pause(Duration.between(Instant.now(), limit));
        smtp.start();
        Instant up = Instant.now();
        LOG.info("FAULT SMTP back");
        Optional<Instant> drained = checks.awaitDrained(Chaos.LIMIT);
        String figures = String.format("SMTP down %d s: %d applications at the completeness check %.1f s after "
                        + "the outage began; backlog drained %s after SMTP came back", MAIL_OUTAGE.toSeconds(),
                duringOutage.size(), intake.toMillis() / 1000.0,
                drained.map(at -> Duration.between(up, at).toMillis() / 1000.0 + " s")
                        .orElse("NOT within " + Chaos.LIMIT.toSeconds() + " s"));
        LOG.info("RECOVERY {}", figures);
        assertThat(drained).as(figures).hasValueSatisfying(
                at -> assertThat(Duration.between(up, at)).isLessThan(RECOVERY_LIMIT));
        return figures;
    }

    /** Once the backlog is drained: nothing lost, no incident, mails all out; returns the mails received twice. */
    private static Map<String, Long> assertSound(CampaignChecks checks, Chaos chaos, List<Accepted> accepted) {
        assertThat(checks.awaitDrained(Chaos.LIMIT)).as(() -> "backlog drained; left: " + checks.describeBacklog())
                .isPresent();
        checks.assertNoApplicationLost(CampaignScript.references(accepted));
        checks.assertNoIncident();
        return checks.assertMailsDelivered(chaos.inFlight());
    }

    /** Every application has exactly one final outcome, as its applicant reads it, and one decision letter. */
    private static void assertOneOutcomeEach(CampaignScript script, CampaignChecks checks, List<Accepted> accepted) {
        Map<String, Long> outcomes = accepted.stream().map(script::status)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long rejected = accepted.stream().filter(application -> CampaignScript.rejected(application.index())).count();
        assertThat(outcomes.keySet()).as("outcomes").isSubsetOf(CampaignScript.FINAL_OUTCOMES);
        assertThat(outcomes).as("4 laureates, 4 advised, the reserve, the rejected")
                .containsEntry("LAUREATE", 4L).containsEntry("ADVISED", 4L)
                .containsEntry("RESERVE", APPLICATIONS - rejected - 8).containsEntry("REJECTED", rejected);
        checks.assertOneDecisionLetterEach(CampaignScript.references(accepted));
    }

    private static Duration jitter(Random random, int maxMillis) {
        return Duration.ofMillis(random.nextInt(maxMillis + 1));
    }

    private static void awaitAll(List<CompletableFuture<Recovery>> faults) throws Exception {
        CompletableFuture.allOf(faults.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }
}
