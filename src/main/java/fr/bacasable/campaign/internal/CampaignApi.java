package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public read-only API of the campaigns applicants may apply to. */
@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campagnes", description = "Appels à projets publiés")
class CampaignApi {

    record CampaignView(String id, String title, String theme, LocalDate openingDate, LocalDate closingDate,
            String status, String statusLabel, boolean acceptsApplications) {

        static CampaignView of(Campaign campaign) {
            return new CampaignView(campaign.id(), campaign.title(), campaign.theme(), campaign.openingDate(),
                    campaign.closingDate(), campaign.status().name(), campaign.status().label(),
                    campaign.acceptsApplications());
        }
    }

    private final CampaignService campaignService;

    CampaignApi(CampaignService campaignService) {
        this.campaignService = campaignService;
    }

    @GetMapping
    @Operation(summary = "Lister les campagnes publiées ou ouvertes")
    List<CampaignView> list() {
        return campaignService.listPublic().stream().map(CampaignView::of).toList();
    }
}
