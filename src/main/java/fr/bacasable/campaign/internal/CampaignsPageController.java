package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The campaigns for the staff, with their ranked list and selection. In local mode only, a programme
 * manager may bring the closing date forward to now, to try the selection without waiting.
 */
@Controller
class CampaignsPageController {

    private final CampaignService campaigns;
    private final ClosingTimer closingTimer;
    private final StaffAccess staffAccess;
    private final boolean demo;

    CampaignsPageController(CampaignService campaigns, ClosingTimer closingTimer, StaffAccess staffAccess,
            @Value("${bas.security.demo-enabled:false}") boolean demo) {
        this.campaigns = campaigns;
        this.closingTimer = closingTimer;
        this.staffAccess = staffAccess;
        this.demo = demo;
    }

    @GetMapping("/staff/campaigns")
    String page(@RequestParam(required = false) String closing, HttpServletRequest request, Model model) {
        StaffUser user = staffAccess.current(request).filter(staff -> staff.isMemberOfAny(
                        StaffGroups.PROGRAMME_MANAGERS, StaffGroups.SELECTION_COMMITTEE, StaffGroups.PRESIDENT))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "Réservé à la gestion du programme, au comité et à la présidence."));
        model.addAttribute("campaigns", campaigns.listAll());
        model.addAttribute("canCloseNow", demo && user.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS));
        if (closing != null) {
            model.addAttribute("notice", "La clôture de « " + closing + " » a lieu dans quelques secondes ; "
                    + "la sélection commence quand toutes les candidatures ont fini leur instruction.");
        }
        return "staff/campaigns";
    }

    /** Local mode only: the closing timer becomes due now ({@link ClosingTimer}). */
    @PostMapping("/staff/campaigns/{campaignId}/close-now")
    String closeNow(@PathVariable String campaignId, HttpServletRequest request) {
        boolean manager = staffAccess.current(request)
                .filter(staff -> staff.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS)).isPresent();
        if (!demo || !manager) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "La clôture anticipée n'existe qu'en mode local de démonstration.");
        }
        Campaign campaign = campaigns.find(campaignId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Campagne introuvable"));
        if (campaign.status() != CampaignStatus.OPEN) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Seule une campagne ouverte peut être clôturée.");
        }
        closingTimer.bringForward(campaignId);
        return "redirect:/staff/campaigns?closing=" + URLEncoder.encode(campaign.title(), StandardCharsets.UTF_8);
    }
}
