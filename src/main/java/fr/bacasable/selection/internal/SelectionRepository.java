package fr.bacasable.selection.internal;

import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionEvent;
import fr.bacasable.selection.SelectionEventType;
import fr.bacasable.selection.SelectionLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code selection_line} and {@code selection_event} tables. */
@Repository
class SelectionRepository {

    private static final String LINE_ORDER = " ORDER BY CASE WHEN rank_position IS NULL THEN 1 ELSE 0 END, "
            + "rank_position, application_id";

    private final JdbcClient jdbc;

    SelectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertLine(String campaignId, String applicationId, Integer rank, Outcome proposed) {
        jdbc.sql("INSERT INTO selection_line (application_id, campaign_id, rank_position, proposed_outcome, outcome) "
                        + "VALUES (:applicationId, :campaignId, :rank, :proposed, :proposed)")
                .param("applicationId", applicationId)
                .param("campaignId", campaignId)
                .param("rank", rank)
                .param("proposed", proposed.name())
                .update();
    }

    boolean hasLines(String campaignId) {
        return countLines(campaignId) > 0;
    }

    /** Ranked lines first, in rank order, then the rejected ones. */
    List<SelectionLine> linesOf(String campaignId) {
        return jdbc.sql("SELECT * FROM selection_line WHERE campaign_id = :campaignId" + LINE_ORDER)
                .param("campaignId", campaignId)
                .query(SelectionRepository::line)
                .list();
    }

    int countLines(String campaignId) {
        return jdbc.sql("SELECT COUNT(*) FROM selection_line WHERE campaign_id = :campaignId")
                .param("campaignId", campaignId).query(Integer.class).single();
    }

    /** At most {@code limit} lines of the campaign after this application id (all from the first when null), by id. */
    List<SelectionLine> page(String campaignId, String afterApplicationId, int limit) {
        return jdbc.sql("SELECT * FROM selection_line WHERE campaign_id = :campaignId AND application_id > :after "
                        + "ORDER BY application_id FETCH FIRST :limit ROWS ONLY")
                .param("campaignId", campaignId)
                .param("after", afterApplicationId == null ? "" : afterApplicationId)
                .param("limit", limit)
                .query(SelectionRepository::line)
                .list();
    }

    /** The lines of the campaign whose application is neither told its outcome nor withdrawn. */
    List<SelectionLine> untold(String campaignId) {
        return jdbc.sql("SELECT * FROM selection_line WHERE campaign_id = :campaignId AND announced_at IS NULL "
                        + "AND withdrawn_at IS NULL ORDER BY application_id")
                .param("campaignId", campaignId)
                .query(SelectionRepository::line)
                .list();
    }

    Optional<SelectionLine> find(String applicationId) {
        return jdbc.sql("SELECT * FROM selection_line WHERE application_id = :applicationId")
                .param("applicationId", applicationId).query(SelectionRepository::line).optional();
    }

    /** Locks the line until the transaction ends, so two steps on one application run one after the other. */
    Optional<SelectionLine> lock(String applicationId) {
        return jdbc.sql("SELECT * FROM selection_line WHERE application_id = :applicationId FOR UPDATE")
                .param("applicationId", applicationId).query(SelectionRepository::line).optional();
    }

    /** Locks all the campaign's lines: moves and promotions count places, so they run one at a time per campaign. */
    List<SelectionLine> lockAll(String campaignId) {
        return jdbc.sql("SELECT * FROM selection_line WHERE campaign_id = :campaignId" + LINE_ORDER + " FOR UPDATE")
                .param("campaignId", campaignId)
                .query(SelectionRepository::line)
                .list();
    }

    void move(String applicationId, Outcome outcome, String reason, String actor, Instant now) {
        jdbc.sql("UPDATE selection_line SET outcome = :outcome, change_reason = :reason, changed_by = :actor, "
                        + "changed_at = :now WHERE application_id = :applicationId")
                .param("outcome", outcome.name())
                .param("reason", reason)
                .param("actor", actor)
                .param("now", Timestamp.from(now))
                .param("applicationId", applicationId)
                .update();
    }

    /** The president's decision is what each line's outcome is at that moment. */
    void decide(String campaignId) {
        jdbc.sql("UPDATE selection_line SET decided_outcome = outcome WHERE campaign_id = :campaignId")
                .param("campaignId", campaignId).update();
    }

    void markAnnounced(String applicationId, Instant now) {
        jdbc.sql("UPDATE selection_line SET announced_at = :now WHERE application_id = :applicationId")
                .param("now", Timestamp.from(now)).param("applicationId", applicationId).update();
    }

    void markWithdrawn(String applicationId, Instant now) {
        jdbc.sql("UPDATE selection_line SET withdrawn_at = :now WHERE application_id = :applicationId")
                .param("now", Timestamp.from(now)).param("applicationId", applicationId).update();
    }

    void record(String campaignId, String applicationId, SelectionEventType type, Outcome from, Outcome to,
            String actor, String remark, Instant now) {
        jdbc.sql("INSERT INTO selection_event (campaign_id, application_id, event_type, from_outcome, to_outcome, "
                        + "actor, remark, occurred_at) VALUES (:campaignId, :applicationId, :type, :from, :to, "
                        + ":actor, :remark, :now)")
                .param("campaignId", campaignId)
                .param("applicationId", applicationId)
                .param("type", type.name())
                .param("from", from == null ? null : from.name())
                .param("to", to == null ? null : to.name())
                .param("actor", actor)
                .param("remark", remark)
                .param("now", Timestamp.from(now))
                .update();
    }

    List<SelectionEvent> eventsOf(String campaignId) {
        return jdbc.sql("SELECT * FROM selection_event WHERE campaign_id = :campaignId ORDER BY occurred_at, id")
                .param("campaignId", campaignId)
                .query(SelectionRepository::event)
                .list();
    }

    /** What happened to this application in its campaign's selection, oldest first. */
    List<SelectionEvent> eventsOfApplication(String applicationId) {
        return jdbc.sql("SELECT * FROM selection_event WHERE application_id = :applicationId ORDER BY occurred_at, id")
                .param("applicationId", applicationId)
                .query(SelectionRepository::event)
                .list();
    }

    private static SelectionEvent event(ResultSet rs, int row) throws SQLException {
        return new SelectionEvent(rs.getString("application_id"), SelectionEventType.valueOf(rs.getString("event_type")),
                outcome(rs, "from_outcome"), outcome(rs, "to_outcome"), rs.getString("actor"), rs.getString("remark"),
                rs.getTimestamp("occurred_at").toInstant());
    }

    private static SelectionLine line(ResultSet rs, int row) throws SQLException {
        Integer rank = rs.getObject("rank_position", Integer.class);
        return new SelectionLine(rs.getString("application_id"), rs.getString("campaign_id"),
                rank, outcome(rs, "proposed_outcome"), outcome(rs, "outcome"),
                rs.getString("change_reason"), rs.getString("changed_by"), instant(rs, "changed_at"),
                outcome(rs, "decided_outcome"), instant(rs, "announced_at"), instant(rs, "withdrawn_at"));
    }

    private static Outcome outcome(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Outcome.valueOf(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
