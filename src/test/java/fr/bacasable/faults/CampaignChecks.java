package fr.bacasable.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What must hold after every fault, read in the database directly (never through the application)
 * and in the SMTP server's mailbox: no application lost or doubled, no incident, every e-mail of the
 * outbox sent and received, and a mail received twice only when it was still unsent at a crash.
 */
final class CampaignChecks {

    private static final Duration POLL = Duration.ofMillis(200);

    private final JdbcClient jdbc;
    private final SmtpServer smtp;

    CampaignChecks(JdbcClient jdbc, SmtpServer smtp) {
        this.jdbc = jdbc;
        this.smtp = smtp;
    }

    /** Exactly the acknowledged applications are stored, each once. */
    void assertNoApplicationLost(Collection<String> acceptedReferences) {
        List<String> stored = jdbc.sql("SELECT reference FROM application").query(String.class).list();
        assertThat(stored).as("applications stored").containsExactlyInAnyOrderElementsOf(acceptedReferences);
    }

    void assertNoIncident() {
        List<String> incidents = jdbc.sql("SELECT activity_id_ || ': ' || COALESCE(incident_msg_, '') FROM act_ru_incident")
                .query(String.class).list();
        assertThat(incidents).as("incidents").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM act_ru_job WHERE retries_ = 0").query(Long.class).single())
                .as("jobs out of retries").isZero();
    }

    /** Outbox ids of the messages not yet marked sent: those a crash now may send twice. */
    Set<String> unsentOutboxIds() {
        return Set.copyOf(jdbc.sql("SELECT id FROM outbox_message WHERE status <> 'SENT'").query(String.class).list());
    }

    /**
     * Every outbox message is sent and was received, every received mail comes from the outbox, and a
     * mail received more than once carries one Message-ID and was among {@code inFlight}. Returns the
     * duplicated ones, with how many times each was received.
     */
    Map<String, Long> assertMailsDelivered(Set<String> inFlight) {
        assertThat(unsentOutboxIds()).as("outbox messages not sent").isEmpty();
        Set<String> outbox = Set.copyOf(jdbc.sql("SELECT id FROM outbox_message").query(String.class).list());
        Map<String, Long> received = smtp.countsByMessageId().entrySet().stream().collect(
                Collectors.toMap(entry -> outboxId(entry.getKey()), Map.Entry::getValue, Long::sum, TreeMap::new));
        assertThat(received.keySet()).as("mails received, by outbox id").containsExactlyInAnyOrderElementsOf(outbox);
        Map<String, Long> duplicated = received.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        assertThat(duplicated.keySet()).as("mails received twice, all unsent at a crash %s", inFlight)
                .isSubsetOf(inFlight);
        return duplicated;
    }

    /** Each application has exactly one decision letter in the outbox. */
    void assertOneDecisionLetterEach(Collection<String> references) {
        Map<String, Long> letters = jdbc.sql("""
                        SELECT a.reference, COUNT(m.id) AS letters FROM application a
                        LEFT JOIN outbox_message m ON m.application_id = a.id AND m.template = 'SELECTION_DECISION'
                        GROUP BY a.reference""")
                .query((row, number) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(letters).as("decision letters per application").hasSize(references.size())
                .allSatisfy((reference, count) -> assertThat(count).as(reference).isEqualTo(1L));
    }

    /** Waits until every application's decision letter is sent. */
    void awaitDecisionLetters(int applications, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (decisionLettersSent() < applications && Instant.now().isBefore(deadline)) {
            ChildApp.pause(POLL);
        }
        assertThat(decisionLettersSent()).as("decision letters sent after %s", limit).isEqualTo(applications);
    }

    long sentCount() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE status = 'SENT'").query(Long.class).single();
    }

    long decisionLettersSent() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE template = 'SELECTION_DECISION' AND status = 'SENT'")
                .query(Long.class).single();
    }

    /**
     * Work the application still owes: asynchronous steps and due timers, and unsent e-mails. Timers
     * set for later (deadlines, reminders, the nightly history cleanup) are no backlog.
     */
    long backlog() {
        return jdbc.sql("""
                SELECT (SELECT COUNT(*) FROM act_ru_job WHERE retries_ > 0
                            AND (type_ = 'message' OR duedate_ <= LOCALTIMESTAMP))
                     + (SELECT COUNT(*) FROM outbox_message WHERE status <> 'SENT')""")
                .query(Long.class).single();
    }

    /** The backlog, item by item: each job's activity, retries and lock, each unsent e-mail's template and status. */
    List<String> describeBacklog() {
        List<String> items = new ArrayList<>(jdbc.sql("""
                        SELECT 'job ' || handler_type_ || ' ' || handler_cfg_ || ' retries ' || retries_
                            || COALESCE(' locked by ' || lock_owner_ || ' until ' || lock_exp_time_, '')
                            || COALESCE(' due ' || duedate_, '') FROM act_ru_job WHERE retries_ > 0
                            AND (type_ = 'message' OR duedate_ <= LOCALTIMESTAMP)""").query(String.class).list());
        items.addAll(jdbc.sql("SELECT 'mail ' || template || ' ' || status FROM outbox_message WHERE status <> 'SENT'")
                .query(String.class).list());
        return items;
    }

    /** When a job last ran successfully at or after this instant, from the engine's job log. */
    Optional<Instant> firstJobRunSince(Instant since) {
        return jdbc.sql("SELECT MIN(timestamp_) FROM act_hi_job_log WHERE job_state_ = 2 AND timestamp_ >= :since")
                .param("since", Timestamp.from(since)).query(Timestamp.class).list().stream()
                .filter(Objects::nonNull).findFirst().map(Timestamp::toInstant);
    }

    /** Waits until the backlog is empty; returns when that was, or empty after the limit. */
    Optional<Instant> awaitDrained(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (backlog() == 0) {
                return Optional.of(Instant.now());
            }
            ChildApp.pause(POLL);
        }
        return Optional.empty();
    }

    /** The outbox id in a Message-ID {@code <id@domain>}. */
    static String outboxId(String messageId) {
        String inside = messageId.replace("<", "").replace(">", "");
        int at = inside.indexOf('@');
        return at < 0 ? inside : inside.substring(0, at);
    }
}
