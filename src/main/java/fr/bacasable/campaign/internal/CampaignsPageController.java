package fr.bacasable.campaign.internal;

import fr.bacasable.campaign.ApplicationCounts;
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

    static final String CONFIRMED = "oui";

    private final CampaignService campaigns;
    private final ApplicationCounts applicationCounts;
    private final ClosingTimer closingTimer;
    private final StaffAccess staffAccess;
    private final boolean demo;

    CampaignsPageController(CampaignService campaigns, ApplicationCounts applicationCounts, ClosingTimer closingTimer,
            StaffAccess staffAccess, @Value("${bas.security.demo-enabled:false}") boolean demo) {
        this.campaigns = campaigns;
        this.applicationCounts = applicationCounts;
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
        model.addAttribute("applicationCounts", applicationCounts.byCampaign());
        model.addAttribute("canCloseNow", demo && user.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS));
        if (closing != null) {
            model.addAttribute("notice", "« " + closing + " » est clôturée : elle ne reçoit plus de candidatures. "
                    + "La sélection commence quand toutes les candidatures ont fini leur instruction.");
        }
        return "staff/campaigns";
    }

    /**
     * Local mode only: asks first (the campaigns page's button posts here without {@code confirmed}),
     * then brings the closing timer forward to now and fires it at once, as the job executor would on
     * the day: the campaign is closed when the campaigns page comes back.
     */
    @PostMapping("/staff/campaigns/{campaignId}/close-now")
    String closeNow(@PathVariable String campaignId, @RequestParam(required = false) String confirmed,
            HttpServletRequest request, Model model) {
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
        if (!CONFIRMED.equals(confirmed)) {
            model.addAttribute("campaign", campaign);
            return "staff/close-now";
        }
        closingTimer.fireNow(campaignId);
        return "redirect:/staff/campaigns?closing=" + URLEncoder.encode(campaign.title(), StandardCharsets.UTF_8);
    }
}
