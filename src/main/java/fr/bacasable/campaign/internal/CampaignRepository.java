package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignDraft;
import fr.bacasable.campaign.CampaignStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code campaign} table. */
@Repository
public class CampaignRepository {

    private static final String COLUMNS = "id, title, theme, opening_date, closing_date, laureate_capacity, "
            + "advised_capacity, reserve_capacity, information_answer_days, review_days, status, published_by, created_at";

    private final JdbcClient jdbc;

    CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, CampaignDraft draft, String publishedBy, String processInstanceId, Instant now) {
        jdbc.sql("INSERT INTO campaign (id, title, theme, opening_date, closing_date, laureate_capacity, "
                        + "advised_capacity, reserve_capacity, information_answer_days, review_days, status, "
                        + "published_by, process_instance_id, created_at, updated_at) VALUES (:id, :title, :theme, "
                        + ":openingDate, :closingDate, :laureateCapacity, :advisedCapacity, :reserveCapacity, "
                        + ":answerDays, :reviewDays, :status, :publishedBy, :processInstanceId, :now, :now)")
                .param("id", id)
                .param("title", draft.title().strip())
                .param("theme", draft.theme().strip())
                .param("openingDate", draft.openingDate())
                .param("closingDate", draft.closingDate())
                .param("laureateCapacity", draft.laureateCapacity())
                .param("advisedCapacity", draft.advisedCapacity())
                .param("reserveCapacity", draft.reserveCapacity())
                .param("answerDays", draft.answerDays())
                .param("reviewDays", draft.reviewDelay())
                .param("status", CampaignStatus.PUBLISHED.name())
                .param("publishedBy", publishedBy)
                .param("processInstanceId", processInstanceId)
                .param("now", Timestamp.from(now))
                .update();
    }

    public void updateStatus(String id, CampaignStatus status, Instant now) {
        int updated = jdbc.sql("UPDATE campaign SET status = :status, updated_at = :now WHERE id = :id")
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("No campaign " + id);
        }
    }

    public Optional<Campaign> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
                .param("id", id)
                .query(CampaignRepository::map)
                .optional();
    }

    public List<Campaign> findByStatusIn(List<CampaignStatus> statuses) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE status IN (:statuses) ORDER BY closing_date, title")
                .param("statuses", statuses.stream().map(Enum::name).toList())
                .query(CampaignRepository::map)
                .list();
    }

    public List<Campaign> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign ORDER BY closing_date DESC, title")
                .query(CampaignRepository::map)
                .list();
    }

    public boolean existsWithTitle(String title) {
        return jdbc.sql("SELECT COUNT(*) FROM campaign WHERE title = :title")
                .param("title", title)
                .query(Integer.class)
                .single() > 0;
    }

    private static Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(
                rs.getString("id"),
                rs.getString("title"),
                rs.getString("theme"),
                rs.getDate("opening_date").toLocalDate(),
                rs.getDate("closing_date").toLocalDate(),
                rs.getInt("laureate_capacity"),
                rs.getInt("advised_capacity"),
                rs.getInt("reserve_capacity"),
                rs.getInt("information_answer_days"),
                rs.getInt("review_days"),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("published_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
