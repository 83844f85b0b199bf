package fr.bacasable.review.internal;

import fr.bacasable.review.Criterion;
import fr.bacasable.review.Review;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.Scores;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code review} and {@code review_conflict} tables. */
@Repository
public class ReviewRepository {

    /** A conflict of interest a reviewer declared instead of scoring. */
    record Conflict(ReviewKind kind, String reviewer, String details, Instant declaredAt) {
    }

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Review review) {
        jdbc.sql("INSERT INTO review (id, application_id, kind, reviewer, relevance_score, relevance_justification, "
                        + "data_protection_interest_score, data_protection_interest_justification, quality_score, "
                        + "quality_justification, impact_score, impact_justification, remarks, completed_at) VALUES "
                        + "(:id, :applicationId, :kind, :reviewer, :relevance, :relevanceWhy, :interest, :interestWhy, "
                        + ":quality, :qualityWhy, :impact, :impactWhy, :remarks, :completedAt)")
                .param("id", review.id())
                .param("applicationId", review.applicationId())
                .param("kind", review.kind().name())
                .param("reviewer", review.reviewer())
                .param("relevance", review.scores().of(Criterion.RELEVANCE))
                .param("relevanceWhy", review.justifications().get(Criterion.RELEVANCE))
                .param("interest", review.scores().of(Criterion.DATA_PROTECTION_INTEREST))
                .param("interestWhy", review.justifications().get(Criterion.DATA_PROTECTION_INTEREST))
                .param("quality", review.scores().of(Criterion.QUALITY))
                .param("qualityWhy", review.justifications().get(Criterion.QUALITY))
                .param("impact", review.scores().of(Criterion.IMPACT))
                .param("impactWhy", review.justifications().get(Criterion.IMPACT))
                .param("remarks", review.remarks())
                .param("completedAt", Timestamp.from(review.completedAt()))
                .update();
    }

    public List<Review> findByApplication(String applicationId) {
        return jdbc.sql("SELECT * FROM review WHERE application_id = :applicationId ORDER BY completed_at")
                .param("applicationId", applicationId)
                .query(ReviewRepository::map)
                .list();
    }

    void insertConflict(String applicationId, ReviewKind kind, String reviewer, String details, Instant now) {
        jdbc.sql("INSERT INTO review_conflict (application_id, kind, reviewer, details, declared_at) "
                        + "VALUES (:applicationId, :kind, :reviewer, :details, :now)")
                .param("applicationId", applicationId).param("kind", kind.name()).param("reviewer", reviewer)
                .param("details", details).param("now", Timestamp.from(now)).update();
    }

    List<String> conflictedReviewers(String applicationId, ReviewKind kind) {
        return jdbc.sql("SELECT DISTINCT reviewer FROM review_conflict WHERE application_id = :applicationId "
                        + "AND kind = :kind")
                .param("applicationId", applicationId).param("kind", kind.name())
                .query(String.class).list();
    }

    /** The application's declared conflicts, oldest first. */
    List<Conflict> conflictsOf(String applicationId) {
        return jdbc.sql("SELECT * FROM review_conflict WHERE application_id = :applicationId ORDER BY declared_at, id")
                .param("applicationId", applicationId)
                .query((rs, row) -> new Conflict(ReviewKind.valueOf(rs.getString("kind")), rs.getString("reviewer"),
                        rs.getString("details"), rs.getTimestamp("declared_at").toInstant()))
                .list();
    }

    private static Review map(ResultSet rs, int row) throws SQLException {
        Map<Criterion, BigDecimal> scores = new EnumMap<>(Criterion.class);
        Map<Criterion, String> justifications = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            String column = column(criterion);
            scores.put(criterion, rs.getBigDecimal(column + "_score").stripTrailingZeros());
            String justification = rs.getString(column + "_justification");
            if (justification != null) {
                justifications.put(criterion, justification);
            }
        }
        return new Review(rs.getString("id"), rs.getString("application_id"), ReviewKind.valueOf(rs.getString("kind")),
                rs.getString("reviewer"), new Scores(scores), justifications, rs.getString("remarks"),
                rs.getTimestamp("completed_at").toInstant());
    }

    private static String column(Criterion criterion) {
        return switch (criterion) {
            case RELEVANCE -> "relevance";
            case DATA_PROTECTION_INTEREST -> "data_protection_interest";
            case QUALITY -> "quality";
            case IMPACT -> "impact";
        };
    }
}
