package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationEvent;
import fr.bacasable.application.ApplicationEventType;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code application_event} table: the application's own timeline. */
@Repository
class ApplicationEventLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    ApplicationEventLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String applicationId, ApplicationEventType type, String actor, String detail) {
        jdbc.sql("INSERT INTO application_event (application_id, occurred_at, event_type, actor, detail) "
                        + "VALUES (:applicationId, :at, :type, :actor, :detail)")
                .param("applicationId", applicationId)
                .param("at", Timestamp.from(clock.instant()))
                .param("type", type.name())
                .param("actor", actor)
                .param("detail", detail)
                .update();
    }

    List<ApplicationEvent> eventsOf(String applicationId) {
        return jdbc.sql("SELECT occurred_at, event_type, actor, detail FROM application_event "
                        + "WHERE application_id = :applicationId ORDER BY occurred_at, id")
                .param("applicationId", applicationId)
                .query((rs, row) -> new ApplicationEvent(rs.getTimestamp("occurred_at").toInstant(),
                        ApplicationEventType.valueOf(rs.getString("event_type")), rs.getString("actor"),
                        rs.getString("detail")))
                .list();
    }
}
