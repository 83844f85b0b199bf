package fr.bacasable.campaign;

import fr.bacasable.campaign.internal.CampaignRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/** The campaign module's public API. */
@Service
public class CampaignService {

    private final CampaignRepository campaigns;
    private final RuntimeService runtimeService;
    private final Clock clock;

    CampaignService(CampaignRepository campaigns, RuntimeService runtimeService, Clock clock) {
        this.campaigns = campaigns;
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    /** The call for projects that local mode publishes, with reviewed applications to select from. */
    public static final String DEMO_CAMPAIGN_TITLE = "IA au bénéfice des services publics";

    public Optional<Campaign> find(String campaignId) {
        return campaigns.find(campaignId);
    }

    /** Campaigns the public may read about: published (opening soon) or open, soonest closing first. */
    public List<Campaign> listPublic() {
        return campaigns.findByStatusIn(List.of(CampaignStatus.OPEN, CampaignStatus.PUBLISHED));
    }

    /** Every campaign, the latest closing first (staff pages). */
    public List<Campaign> listAll() {
        return campaigns.findAll();
    }

    public Optional<Campaign> findByTitle(String title) {
        return campaigns.findAll().stream().filter(campaign -> campaign.title().equals(title)).findFirst();
    }

    /** The campaign row follows its process through the selection phase. */
    public void changeStatus(String campaignId, CampaignStatus status) {
        campaigns.updateStatus(campaignId, status, clock.instant());
    }

    public boolean existsWithTitle(String title) {
        return campaigns.existsWithTitle(title);
    }

    /**
     * Starts {@code CallForProjectsProcess} as the publication form would.
     *
     * @return the process instance id
     */
    public String startPublication(CampaignDraft draft) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(CallForProjectsVariables.TITLE, draft.title());
        variables.put(CallForProjectsVariables.THEME, draft.theme());
        variables.put(CallForProjectsVariables.OPENING_DATE, isoDate(draft.openingDate()));
        variables.put(CallForProjectsVariables.CLOSING_DATE, isoDate(draft.closingDate()));
        variables.put(CallForProjectsVariables.LAUREATE_CAPACITY, draft.laureateCapacity());
        variables.put(CallForProjectsVariables.ADVISED_CAPACITY, draft.advisedCapacity());
        variables.put(CallForProjectsVariables.RESERVE_CAPACITY, draft.reserveCapacity());
        variables.put(CallForProjectsVariables.INFORMATION_ANSWER_DAYS, draft.informationAnswerDays());
        variables.put(CallForProjectsVariables.REVIEW_DAYS, draft.reviewDays());
        return runtimeService.startProcessInstanceByKey(CallForProjectsVariables.PROCESS_KEY, variables).getId();
    }

    private static String isoDate(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
