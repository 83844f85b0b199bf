package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.CallForProjectsVariables;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.shared.ProgrammeTime;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Ouvrir les candidatures" and "Clôturer les candidatures": the campaign row follows the process. */
@Configuration(proxyBeanMethods = false)
class CampaignStatusDelegates {

    @Bean
    JavaDelegate openCampaign(CampaignRepository campaigns) {
        return execution -> campaigns.updateStatus(
                (String) execution.getVariable(CallForProjectsVariables.CAMPAIGN_ID), CampaignStatus.OPEN,
                ProgrammeTime.now());
    }

    @Bean
    JavaDelegate closeCampaign(CampaignRepository campaigns) {
        return execution -> campaigns.updateStatus(
                (String) execution.getVariable(CallForProjectsVariables.CAMPAIGN_ID), CampaignStatus.CLOSED,
                ProgrammeTime.now());
    }
}
