package fr.bacasable.selection.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.selection.RankedApplication;
import fr.bacasable.selection.RankingService;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The ranked list of a campaign for programme managers, the committee and the president, with its CSV export. */
@Controller
class RankingPageController {

    static final String CSV_HEADER = "Rang;Référence;Projet;Organisme;Pertinence;Intérêt protection des données;"
            + "Qualité;Impact;Total;Proposition";
    /** Excel opens a UTF-8 CSV correctly only with a byte order mark. */
    static final String BOM = "\uFEFF";

    private final CampaignService campaigns;
    private final RankingService ranking;
    private final StaffAccess staffAccess;

    RankingPageController(CampaignService campaigns, RankingService ranking, StaffAccess staffAccess) {
        this.campaigns = campaigns;
        this.ranking = ranking;
        this.staffAccess = staffAccess;
    }

    @GetMapping("/staff/campaigns/{campaignId}/ranking")
    String page(@PathVariable String campaignId, HttpServletRequest request, Model model) {
        Campaign campaign = readable(campaignId, request);
        model.addAttribute("campaign", campaign);
        model.addAttribute("lines", ranking.rank(campaign));
        return "staff/ranking";
    }

    @GetMapping("/staff/campaigns/{campaignId}/ranking.csv")
    ResponseEntity<byte[]> csv(@PathVariable String campaignId, HttpServletRequest request) {
        Campaign campaign = readable(campaignId, request);
        StringBuilder csv = new StringBuilder(BOM).append(CSV_HEADER).append("\r\n");
        for (RankedApplication line : ranking.rank(campaign)) {
            csv.append(String.join(";", List.of(String.valueOf(line.rank()), cell(line.application().reference()),
                    cell(line.application().projectTitle()), cell(line.application().organisationName()),
                    decimal(line.application().relevanceScore()),
                    decimal(line.application().dataProtectionInterestScore()),
                    decimal(line.application().qualityScore()), decimal(line.application().impactScore()),
                    decimal(line.application().total()), cell(line.proposedOutcome().label())))).append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("classement-" + campaign.id() + ".csv").build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Campaign readable(String campaignId, HttpServletRequest request) {
        boolean allowed = staffAccess.current(request).filter(user -> user.isMemberOfAny(
                StaffGroups.PROGRAMME_MANAGERS, StaffGroups.SELECTION_COMMITTEE, StaffGroups.PRESIDENT)).isPresent();
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Réservé à la gestion du programme et au comité.");
        }
        return campaigns.find(campaignId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Campagne introuvable"));
    }

    /** French spreadsheets read a decimal comma. */
    private static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    /** Quoted when needed; a leading formula character is neutralised so no cell runs as a formula. */
    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
