package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.CallForProjectsVariables;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.shared.ProgrammeTime;
import java.time.Clock;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Ouvrir les candidatures" and "Clôturer les candidatures": the campaign row follows the process. */
@Configuration(proxyBeanMethods = false)
class CampaignStatusDelegates {

    @Bean
    JavaDelegate openCampaign(CampaignRepository campaigns, Clock clock) {
        return execution -> campaigns.updateStatus(
                (String) execution.getVariable(CallForProjectsVariables.CAMPAIGN_ID), CampaignStatus.OPEN,
                clock.instant());
    }

    /**
     * Also sets the review deadline: an application sent on the closing day may need a request for
     * information and its answer, then its reviews; after that, what is still under review is escalated.
     */
    @Bean
    JavaDelegate closeCampaign(CampaignRepository campaigns, Clock clock) {
        return execution -> {
            String campaignId = (String) execution.getVariable(CallForProjectsVariables.CAMPAIGN_ID);
            campaigns.updateStatus(campaignId, CampaignStatus.CLOSED, clock.instant());
            Campaign campaign = campaigns.find(campaignId).orElseThrow();
            LocalDate deadline = campaign.closingDate().plusDays(1L + campaign.informationAnswerDays()
                    + campaign.reviewDays());
            execution.setVariable(CallForProjectsVariables.REVIEW_DEADLINE,
                    ProgrammeTime.startOf(deadline));
        };
    }
}
