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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbox_message} table. */
@Repository
public class OutboxRepository {

    static final int LAST_ERROR_MAX_LENGTH = 2000;

    /** A message locked for sending, with the private link its body stands for (null when none). */
    public record PendingMail(OutboxMessage message, String privateLink) {
    }

    private static final String COLUMNS = "id, application_id, template, recipient, subject, body, status, "
            + "created_at, sent_at, attempts, last_error";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String applicationId, NotificationTemplate template, String recipient,
            RenderedMail mail, Instant now) {
        jdbc.sql("INSERT INTO outbox_message (id, application_id, template, recipient, subject, body, private_link, "
                        + "status, created_at, attempts) VALUES (:id, :applicationId, :template, :recipient, :subject, "
                        + ":body, :privateLink, :status, :now, 0)")
                .param("id", id)
                .param("applicationId", applicationId)
                .param("template", template.name())
                .param("recipient", recipient)
                .param("subject", mail.subject())
                .param("body", mail.body())
                .param("privateLink", mail.privateLink())
                .param("status", OutboxStatus.PENDING.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Ids of the application's committed PENDING messages, in the order they were enqueued. */
    public List<String> pendingIdsOf(String applicationId) {
        return jdbc.sql("SELECT id FROM outbox_message WHERE application_id = :applicationId AND status = :status "
                        + "ORDER BY seq")
                .param("applicationId", applicationId)
                .param("status", OutboxStatus.PENDING.name())
                .query(String.class)
                .list();
    }

    /**
     * The message if it is still PENDING, its row locked until the end of the current transaction; a
     * concurrent delivery of the same message waits here, then finds it SENT.
     */
    public Optional<PendingMail> lockPending(String id) {
        return jdbc.sql("SELECT " + COLUMNS + ", private_link FROM outbox_message WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) -> new PendingMail(map(rs, row), rs.getString("private_link")))
                .optional()
                .filter(pending -> pending.message().status() == OutboxStatus.PENDING);
    }

    public void markSent(String id, Instant now) {
        jdbc.sql("UPDATE outbox_message SET status = :status, sent_at = :now, attempts = attempts + 1, "
                        + "private_link = NULL WHERE id = :id")
                .param("status", OutboxStatus.SENT.name())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    public void recordFailure(String id, String error) {
        String lastError = error == null || error.length() <= LAST_ERROR_MAX_LENGTH ? error
                : error.substring(0, LAST_ERROR_MAX_LENGTH);
        jdbc.sql("UPDATE outbox_message SET attempts = attempts + 1, last_error = :lastError WHERE id = :id")
                .param("lastError", lastError)
                .param("id", id)
                .update();
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
