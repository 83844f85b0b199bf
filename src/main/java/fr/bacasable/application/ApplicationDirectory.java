package fr.bacasable.application;

import fr.bacasable.application.internal.ApplicationRepository;
import fr.bacasable.application.internal.ApplicationRepository.StoredApplication;
import fr.bacasable.campaign.ApplicationCounts;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What other modules may read of an application. */
@Service
public class ApplicationDirectory implements ApplicationCounts {

    private static final List<ApplicationStatus> IN_PROGRESS_BEFORE_SELECTION = List.of(ApplicationStatus.SUBMITTED,
            ApplicationStatus.AWAITING_APPLICANT, ApplicationStatus.UNDER_REVIEW);

    private final ApplicationRepository applications;
    private final CampaignService campaigns;

    ApplicationDirectory(ApplicationRepository applications, CampaignService campaigns) {
        this.applications = applications;
        this.campaigns = campaigns;
    }

    public ApplicationDetails get(String applicationId) {
        return applications.findById(applicationId).map(StoredApplication::details).orElseThrow();
    }

    /** The campaign's shortlisted applications, best ranked first (ties broken as DESIGN.md says). */
    public List<ReviewedApplication> shortlistedInRankingOrder(String campaignId) {
        return applications.shortlistedInRankingOrder(campaignId);
    }

    /** The campaign's applications still on their way through eligibility, completeness or review. */
    public List<String> inProgressBeforeSelection(String campaignId) {
        return applications.idsOf(campaignId, IN_PROGRESS_BEFORE_SELECTION);
    }

    /** How many of the campaign's applications are still on their way through eligibility, completeness or review. */
    public int countInProgressBeforeSelection(String campaignId) {
        return applications.countOf(campaignId, IN_PROGRESS_BEFORE_SELECTION);
    }

    @Override
    public Map<String, Long> byCampaign() {
        return applications.countByCampaign();
    }

    /** Reference and project title of each of the campaign's applications, by application id. */
    public Map<String, ApplicationHeading> headingsOf(String campaignId) {
        return applications.headingsOf(campaignId);
    }

    /** The campaign's applications that the review rejected and that are waiting for the selection's letters. */
    public List<String> rejectedAfterReview(String campaignId) {
        return applications.idsOf(campaignId, List.of(ApplicationStatus.REJECTED));
    }

    /** Which threshold of ReviewOutcomeDecision the application failed; null when shortlisted. */
    public String reviewRejectionReason(String applicationId) {
        return applications.reviewRejectionReason(applicationId);
    }

    /** What every e-mail about the application shows of it: reference, project and campaign titles. */
    public Map<String, Object> noticeModel(ApplicationDetails application) {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", application.reference());
        model.put("projectTitle", application.submission().projectTitle());
        model.put("campaignTitle", campaigns.find(application.campaignId()).map(Campaign::title).orElse(""));
        return model;
    }
}
