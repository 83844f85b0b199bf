package fr.bacasable.application.internal;

import fr.bacasable.campaign.CampaignService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public portal's home page: the campaigns open or opening soon. */
@Controller
class PortalController {

    private final CampaignService campaignService;

    PortalController(CampaignService campaignService) {
        this.campaignService = campaignService;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("campaigns", campaignService.listPublic());
        return "portal/home";
    }
}
