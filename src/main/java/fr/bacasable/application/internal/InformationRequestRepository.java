package fr.bacasable.application.internal;

import fr.bacasable.application.InformationRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code information_request} table. */
@Repository
class InformationRequestRepository {

    private static final String COLUMNS =
            "id, application_id, message, requested_by, requested_at, due_at, answered_at, answer";

    private final JdbcClient jdbc;

    InformationRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(InformationRequest request) {
        jdbc.sql("INSERT INTO information_request (" + COLUMNS + ") VALUES (:id, :applicationId, :message, "
                        + ":requestedBy, :requestedAt, :dueAt, NULL, NULL)")
                .param("id", request.id())
                .param("applicationId", request.applicationId())
                .param("message", request.message())
                .param("requestedBy", request.requestedBy())
                .param("requestedAt", Timestamp.from(request.requestedAt()))
                .param("dueAt", Timestamp.from(request.dueAt()))
                .update();
    }

    /** Records the answer unless one was already given; returns whether this call recorded it. */
    boolean answer(String id, String answer, Instant now) {
        return jdbc.sql("UPDATE information_request SET answer = :answer, answered_at = :now "
                        + "WHERE id = :id AND answered_at IS NULL")
                .param("answer", answer).param("now", Timestamp.from(now)).param("id", id).update() == 1;
    }

    Optional<InformationRequest> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_request WHERE id = :id")
                .param("id", id).query(InformationRequestRepository::map).optional();
    }

    List<InformationRequest> findByApplication(String applicationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM information_request WHERE application_id = :applicationId "
                        + "ORDER BY requested_at")
                .param("applicationId", applicationId).query(InformationRequestRepository::map).list();
    }

    private static InformationRequest map(ResultSet rs, int row) throws SQLException {
        Timestamp answeredAt = rs.getTimestamp("answered_at");
        return new InformationRequest(rs.getString("id"), rs.getString("application_id"), rs.getString("message"),
                rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(), answeredAt == null ? null : answeredAt.toInstant(),
                rs.getString("answer"));
    }
}
