package fr.bacasable.application.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.application.AiActAnswers;
import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationHeading;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.DpiaAnswers;
import fr.bacasable.application.ReviewedApplication;
import fr.bacasable.application.Siret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code application} table. The self-declaration (techniques, data categories, DPIA and AI Act
 * answers) is one JSON column.
 */
@Repository
public class ApplicationRepository {

    record SelfAssessment(List<String> aiTechniques, List<String> personalDataCategories, DpiaAnswers dpia,
            AiActAnswers aiAct) {
    }

    public record StoredApplication(ApplicationDetails details, String trackingTokenHash) {
    }

    private static final String COLUMNS = "id, reference, campaign_id, status, tracking_token_hash, applicant_type, "
            + "organisation_name, siret, contact_name, contact_email, contact_phone, project_title, project_summary, "
            + "public_service_domain, project_stage, uses_ai, processes_personal_data, self_assessment, "
            + "legal_questions, submitted_at, process_instance_id, eligible, ineligibility_reason, "
            + "dpia_criteria_met, dpia_requirement, ai_act_risk_level, fria_required";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ApplicationRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String id, String reference, String campaignId, ApplicationSubmission submission,
            String trackingTokenHash, Instant now) {
        jdbc.sql("INSERT INTO application (id, reference, campaign_id, status, tracking_token_hash, applicant_type, "
                        + "organisation_name, siret, contact_name, contact_email, contact_phone, project_title, "
                        + "project_summary, public_service_domain, project_stage, uses_ai, processes_personal_data, "
                        + "self_assessment, legal_questions, consent_given_at, submitted_at, updated_at) VALUES (:id, "
                        + ":reference, :campaignId, :status, :tokenHash, :applicantType, :organisationName, :siret, "
                        + ":contactName, :contactEmail, :contactPhone, :projectTitle, :projectSummary, :domain, "
                        + ":stage, :usesAi, :personalData, :selfAssessment, :legalQuestions, :now, :now, :now)")
                .param("id", id)
                .param("reference", reference)
                .param("campaignId", campaignId)
                .param("status", ApplicationStatus.SUBMITTED.name())
                .param("tokenHash", trackingTokenHash)
                .param("applicantType", submission.applicantType())
                .param("organisationName", submission.organisationName().strip())
                .param("siret", Siret.normalise(submission.siret()))
                .param("contactName", submission.contactName().strip())
                .param("contactEmail", submission.contactEmail().strip())
                .param("contactPhone", submission.contactPhone().strip())
                .param("projectTitle", submission.projectTitle().strip())
                .param("projectSummary", submission.projectSummary().strip())
                .param("domain", submission.publicServiceDomain())
                .param("stage", submission.projectStage())
                .param("usesAi", submission.usesAi())
                .param("personalData", submission.processesPersonalData())
                .param("selfAssessment", toJson(new SelfAssessment(submission.aiTechniques(),
                        submission.personalDataCategories(), submission.dpia(), submission.aiAct())))
                .param("legalQuestions", submission.legalQuestions().strip())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Holds the application's row until the transaction ends (PostgreSQL and H2 alike). */
    void lock(String id) {
        jdbc.sql("SELECT id FROM application WHERE id = :id FOR UPDATE").param("id", id).query(String.class).list();
    }

    void attachProcess(String id, String processInstanceId) {
        jdbc.sql("UPDATE application SET process_instance_id = :pid WHERE id = :id")
                .param("pid", processInstanceId).param("id", id).update();
    }

    void updateStatus(String id, ApplicationStatus status, Instant now) {
        int updated = jdbc.sql("UPDATE application SET status = :status, updated_at = :now WHERE id = :id")
                .param("status", status.name()).param("now", Timestamp.from(now)).param("id", id).update();
        if (updated != 1) {
            throw new IllegalStateException("No application " + id);
        }
    }

    void recordEligibility(String id, boolean eligible, String reason, Instant now) {
        jdbc.sql("UPDATE application SET eligible = :eligible, ineligibility_reason = :reason, updated_at = :now "
                        + "WHERE id = :id")
                .param("eligible", eligible).param("reason", reason).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    void recordSelfAssessment(String id, int dpiaCriteriaMet, String dpiaRequirement, String aiActRiskLevel,
            boolean friaRequired, Instant now) {
        jdbc.sql("UPDATE application SET dpia_criteria_met = :criteria, dpia_requirement = :dpia, "
                        + "ai_act_risk_level = :aiAct, fria_required = :fria, updated_at = :now WHERE id = :id")
                .param("criteria", dpiaCriteriaMet).param("dpia", dpiaRequirement).param("aiAct", aiActRiskLevel)
                .param("fria", friaRequired).param("now", Timestamp.from(now)).param("id", id).update();
    }

    public void recordReviewOutcome(String id, Map<String, Double> scores, String recommendation, String rejectionReason,
            Instant now) {
        jdbc.sql("UPDATE application SET relevance_score = :relevance, data_protection_interest_score = :interest, "
                        + "quality_score = :quality, impact_score = :impact, review_recommendation = :recommendation, "
                        + "review_rejection_reason = :reason, updated_at = :now WHERE id = :id")
                .param("relevance", scores.get("relevanceScore"))
                .param("interest", scores.get("dataProtectionInterestScore"))
                .param("quality", scores.get("qualityScore"))
                .param("impact", scores.get("impactScore"))
                .param("recommendation", recommendation)
                .param("reason", rejectionReason)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    Optional<StoredApplication> findByReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM application WHERE reference = :reference")
                .param("reference", reference).query(this::map).optional();
    }

    public Optional<StoredApplication> findById(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM application WHERE id = :id")
                .param("id", id).query(this::map).optional();
    }

    /**
     * The campaign's shortlisted applications in ranking order (DESIGN.md): total score descending,
     * then data-protection interest, then impact, then earlier submission.
     */
    public List<ReviewedApplication> shortlistedInRankingOrder(String campaignId) {
        return jdbc.sql("SELECT id, reference, project_title, organisation_name, relevance_score, "
                        + "data_protection_interest_score, quality_score, impact_score, submitted_at FROM application "
                        + "WHERE campaign_id = :campaignId AND review_recommendation = 'SHORTLIST' "
                        + "AND status <> :withdrawn ORDER BY relevance_score "
                        + "+ data_protection_interest_score + quality_score + impact_score DESC, "
                        + "data_protection_interest_score DESC, impact_score DESC, submitted_at ASC, reference ASC")
                .param("campaignId", campaignId)
                .param("withdrawn", ApplicationStatus.WITHDRAWN.name())
                .query((rs, row) -> new ReviewedApplication(rs.getString("id"), rs.getString("reference"),
                        rs.getString("project_title"), rs.getString("organisation_name"), rs.getBigDecimal("relevance_score"),
                        rs.getBigDecimal("data_protection_interest_score"), rs.getBigDecimal("quality_score"),
                        rs.getBigDecimal("impact_score"), rs.getTimestamp("submitted_at").toInstant()))
                .list();
    }

    /** The campaign's applications in one of these statuses. */
    public List<String> idsOf(String campaignId, List<ApplicationStatus> statuses) {
        return jdbc.sql("SELECT id FROM application WHERE campaign_id = :campaignId AND status IN (:statuses) "
                        + "ORDER BY submitted_at, reference")
                .param("campaignId", campaignId)
                .param("statuses", statuses.stream().map(ApplicationStatus::name).toList())
                .query(String.class)
                .list();
    }

    /** How many of the campaign's applications are in one of these statuses. */
    public int countOf(String campaignId, List<ApplicationStatus> statuses) {
        return jdbc.sql("SELECT COUNT(*) FROM application WHERE campaign_id = :campaignId AND status IN (:statuses)")
                .param("campaignId", campaignId)
                .param("statuses", statuses.stream().map(ApplicationStatus::name).toList())
                .query(Integer.class)
                .single();
    }

    /** How many applications each campaign received, by campaign id. */
    public Map<String, Long> countByCampaign() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT campaign_id, COUNT(*) AS received FROM application GROUP BY campaign_id")
                .query((RowCallbackHandler) rs -> counts.put(rs.getString("campaign_id"), rs.getLong("received")));
        return counts;
    }

    /** Reference and project title of each of the campaign's applications, by id, in one query. */
    public Map<String, ApplicationHeading> headingsOf(String campaignId) {
        Map<String, ApplicationHeading> headings = new HashMap<>();
        RowCallbackHandler collect = rs -> headings.put(rs.getString("id"),
                new ApplicationHeading(rs.getString("reference"), rs.getString("project_title")));
        jdbc.sql("SELECT id, reference, project_title FROM application WHERE campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .query(collect);
        return headings;
    }

    public String reviewRejectionReason(String id) {
        return jdbc.sql("SELECT review_rejection_reason FROM application WHERE id = :id")
                .param("id", id).query(String.class).list().stream().filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    int count() {
        return jdbc.sql("SELECT COUNT(*) FROM application").query(Integer.class).single();
    }

    private StoredApplication map(ResultSet rs, int row) throws SQLException {
        SelfAssessment self = fromJson(rs.getString("self_assessment"));
        ApplicationSubmission submission = new ApplicationSubmission(rs.getString("applicant_type"),
                rs.getString("organisation_name"), rs.getString("siret"), rs.getString("contact_name"),
                rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("project_title"),
                rs.getString("project_summary"), rs.getString("public_service_domain"), rs.getString("project_stage"),
                rs.getBoolean("uses_ai"), self.aiTechniques(), rs.getBoolean("processes_personal_data"),
                self.personalDataCategories(), self.dpia(), self.aiAct(), rs.getString("legal_questions"), true);
        ApplicationDetails details = new ApplicationDetails(rs.getString("id"), rs.getString("reference"),
                rs.getString("campaign_id"), ApplicationStatus.valueOf(rs.getString("status")), submission,
                rs.getTimestamp("submitted_at").toInstant(), rs.getString("process_instance_id"),
                (Boolean) rs.getObject("eligible"), rs.getString("ineligibility_reason"),
                (Integer) rs.getObject("dpia_criteria_met"), rs.getString("dpia_requirement"),
                rs.getString("ai_act_risk_level"), (Boolean) rs.getObject("fria_required"));
        return new StoredApplication(details, rs.getString("tracking_token_hash"));
    }

    private String toJson(SelfAssessment selfAssessment) {
        try {
            return json.writeValueAsString(selfAssessment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SelfAssessment fromJson(String text) {
        try {
            return json.readValue(text, SelfAssessment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
