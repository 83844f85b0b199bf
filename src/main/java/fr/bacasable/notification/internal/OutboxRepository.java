package fr.bacasable.notification.internal;

import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.notification.OutboxMessage;
import fr.bacasable.notification.OutboxStatus;
import fr.bacasable.notification.internal.MailTemplates.RenderedMail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbox_message} table. */
@Repository
public class OutboxRepository {

    static final int LAST_ERROR_MAX_LENGTH = 2000;

    /**
     * A message leased for sending, with the private link its body stands for (null when none) and its
     * failures since it was enqueued or last retried by a manager.
     */
    record PendingMail(OutboxMessage message, String privateLink, int consecutiveFailures) {
    }

    private static final String COLUMNS = "id, application_id, reference, template, recipient, subject, body, status, "
            + "created_at, sent_at, attempts, last_error";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String applicationId, String reference, NotificationTemplate template,
            String recipient, RenderedMail mail, OutboxStatus status, Instant now) {
        jdbc.sql("INSERT INTO outbox_message (id, application_id, reference, template, recipient, subject, body, "
                        + "private_link, status, created_at, next_attempt_at, attempts) VALUES (:id, :applicationId, "
                        + ":reference, :template, :recipient, :subject, :body, :privateLink, :status, :now, :now, 0)")
                .param("id", id)
                .param("applicationId", applicationId)
                .param("reference", reference)
                .param("template", template.name())
                .param("recipient", recipient)
                .param("subject", mail.subject())
                .param("body", mail.body())
                .param("privateLink", mail.privateLink())
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Ids of PENDING messages that are due and not leased, oldest first; a message waits while an
     * older one of its application waits for a retry or is being sent, so an application's mails arrive
     * in order.
     */
    List<String> dueIds(Instant now, int limit) {
        return jdbc.sql("SELECT m.id FROM outbox_message m WHERE m.status = 'PENDING' AND m.next_attempt_at <= :now "
                        + "AND (m.locked_until IS NULL OR m.locked_until < :now) AND NOT EXISTS (SELECT 1 FROM "
                        + "outbox_message e WHERE e.application_id = m.application_id AND e.seq < m.seq AND "
                        + "e.status = 'PENDING' AND (e.next_attempt_at > :now OR e.locked_until >= :now)) "
                        + "ORDER BY m.seq FETCH FIRST " + limit + " ROWS ONLY")
                .param("now", Timestamp.from(now))
                .query(String.class)
                .list();
    }

    /**
     * Takes the lease of a due message for this node, in one statement: of several nodes trying at
     * once, exactly one gets it (the others' conditional update finds the lease taken).
     *
     * @return the message and its private link when this node got it
     */
    Optional<PendingMail> claim(String id, String node, Instant now, Instant leaseEnd) {
        int claimed = jdbc.sql("UPDATE outbox_message SET locked_by = :node, locked_until = :leaseEnd WHERE id = :id "
                        + "AND status = 'PENDING' AND next_attempt_at <= :now AND (locked_until IS NULL OR "
                        + "locked_until < :now)")
                .param("node", node)
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + ", private_link, consecutive_failures FROM outbox_message WHERE id = :id "
                        + "AND locked_by = :node")
                .param("id", id)
                .param("node", node)
                .query((rs, row) -> new PendingMail(map(rs, row), rs.getString("private_link"),
                        rs.getInt("consecutive_failures")))
                .optional();
    }

    /** Extends this node's lease of a message it is still sending. */
    void renewLease(String id, String node, Instant leaseEnd) {
        jdbc.sql("UPDATE outbox_message SET locked_until = :leaseEnd WHERE id = :id AND locked_by = :node "
                        + "AND status = 'PENDING'")
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .param("id", id)
                .param("node", node)
                .update();
    }

    void markSent(String id, Instant now) {
        jdbc.sql("UPDATE outbox_message SET status = 'SENT', sent_at = :now, attempts = attempts + 1, "
                        + "consecutive_failures = 0, private_link = NULL, locked_by = NULL, locked_until = NULL "
                        + "WHERE id = :id AND status = 'PENDING'")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Records a failed attempt: the message is due again at {@code nextAttempt}, or FAILED when that is null. */
    void recordFailure(String id, String error, Instant nextAttempt) {
        String lastError = error == null || error.length() <= LAST_ERROR_MAX_LENGTH ? error
                : error.substring(0, LAST_ERROR_MAX_LENGTH);
        jdbc.sql("UPDATE outbox_message SET attempts = attempts + 1, consecutive_failures = consecutive_failures + 1, "
                        + "last_error = :lastError, status = :status, next_attempt_at = COALESCE(:nextAttempt, "
                        + "next_attempt_at), locked_by = NULL, locked_until = NULL WHERE id = :id AND status = 'PENDING'")
                .param("lastError", lastError)
                .param("status", (nextAttempt == null ? OutboxStatus.FAILED : OutboxStatus.PENDING).name())
                .param("nextAttempt", nextAttempt == null ? null : Timestamp.from(nextAttempt))
                .param("id", id)
                .update();
    }

    /** A FAILED message becomes due now, with a fresh retry schedule; false when it was not FAILED. */
    boolean retryFailed(String id, Instant now) {
        return jdbc.sql("UPDATE outbox_message SET status = 'PENDING', consecutive_failures = 0, next_attempt_at = :now "
                        + "WHERE id = :id AND status = 'FAILED'")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update() == 1;
    }

    /**
     * Records that the application's applicant proved the contact address.
     *
     * @throws DuplicateKeyException when another request recorded it first
     */
    public void insertConfirmedRecipient(String applicationId, Instant now) {
        jdbc.sql("INSERT INTO outbox_confirmed_recipient (application_id, confirmed_at) VALUES (:id, :now)")
                .param("id", applicationId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Held messages of the application become due now. */
    public void release(String applicationId, Instant now) {
        jdbc.sql("UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now WHERE application_id = :id "
                        + "AND status = 'AWAITING_CONFIRMATION'")
                .param("id", applicationId)
                .param("now", Timestamp.from(now))
                .update();
    }

    public boolean isConfirmed(String applicationId) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_confirmed_recipient WHERE application_id = :id")
                .param("id", applicationId)
                .query(Integer.class)
                .single() > 0;
    }

    /** Held messages of applications whose address is confirmed become due now; how many. */
    int releaseConfirmed(Instant now) {
        return jdbc.sql("UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now WHERE status = "
                        + "'AWAITING_CONFIRMATION' AND application_id IN (SELECT application_id FROM "
                        + "outbox_confirmed_recipient)")
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Held messages of every application whose address is confirmed become due now: those enqueued while
     * the confirmation was being committed.
     */
    int releaseAllConfirmed(Instant now) {
        return jdbc.sql("UPDATE outbox_message SET status = 'PENDING', next_attempt_at = :now WHERE status = "
                        + "'AWAITING_CONFIRMATION' AND application_id IN (SELECT application_id FROM "
                        + "outbox_confirmed_recipient)")
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The message, when it exists. */
    Optional<OutboxMessage> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE id = :id")
                .param("id", id)
                .query(OutboxRepository::map)
                .optional();
    }

    public List<OutboxMessage> findByApplication(String applicationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message WHERE application_id = :applicationId ORDER BY seq")
                .param("applicationId", applicationId)
                .query(OutboxRepository::map)
                .list();
    }

    /** The most recently enqueued messages, newest first. */
    List<OutboxMessage> findLatest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox_message ORDER BY seq DESC FETCH FIRST " + limit
                        + " ROWS ONLY")
                .query(OutboxRepository::map)
                .list();
    }

    private static OutboxMessage map(ResultSet rs, int row) throws SQLException {
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new OutboxMessage(
                rs.getString("id"),
                rs.getString("application_id"),
                rs.getString("reference"),
                NotificationTemplate.valueOf(rs.getString("template")),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("body"),
                OutboxStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                sentAt == null ? null : sentAt.toInstant(),
                rs.getInt("attempts"),
                rs.getString("last_error"));
    }
}
