package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.CampaignDraft;
import fr.bacasable.campaign.CampaignService;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** In local mode, publishes the demo campaign once: open from today for 60 days. */
@Component
@ConditionalOnProperty("bas.security.demo-enabled")
class DemoCampaign {

    static final String TITLE = CampaignService.DEMO_CAMPAIGN_TITLE;
    static final String THEME = """
            Projets utilisant l'intelligence artificielle au bénéfice des services publics : \
            administrations centrales, services déconcentrés, collectivités territoriales et \
            établissements publics, ou acteurs privés travaillant avec un acteur public. \
            Le projet doit être en cours de développement : ni simple idée, ni déjà en production.""";
    static final int OPEN_DAYS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(DemoCampaign.class);

    private final CampaignService campaignService;
    private final Clock clock;

    DemoCampaign(CampaignService campaignService, Clock clock) {
        this.campaignService = campaignService;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void publish() {
        if (campaignService.existsWithTitle(TITLE)) {
            return;
        }
        LocalDate today = LocalDate.now(clock);
        campaignService.startPublication(
                new CampaignDraft(TITLE, THEME, today, today.plusDays(OPEN_DAYS), 4, 4, 3,
                        CampaignDraft.DEFAULT_ANSWER_DAYS, CampaignDraft.DEFAULT_REVIEW_DAYS));
        LOG.info("Published the demo campaign \"{}\"", TITLE);
    }
}
