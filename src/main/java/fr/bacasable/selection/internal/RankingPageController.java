package fr.bacasable.selection.internal;

import fr.bacasable.application.ReviewedApplication;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.selection.RankedApplication;
import fr.bacasable.selection.RankingService;
import fr.bacasable.selection.SelectionLine;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/**
 * The ranked list of a campaign for programme managers, the committee and the president, with its CSV and XLSX
 * exports (the same columns and rows).
 */
@Controller
class RankingPageController {

    static final List<String> HEADER = List.of("Rang", "Référence", "Projet", "Organisme", "Pertinence",
            "Intérêt protection des données", "Qualité", "Impact", "Total", "Proposition", "Sélection",
            "Motif du changement", "Décision");
    /** Excel opens a UTF-8 CSV correctly only with a byte order mark. */
    static final String BOM = "\uFEFF";
    static final String SHEET_NAME = "Classement";

    private final CampaignService campaigns;
    private final RankingService ranking;
    private final SelectionRepository selections;
    private final StaffAccess staffAccess;

    RankingPageController(CampaignService campaigns, RankingService ranking, SelectionRepository selections,
            StaffAccess staffAccess) {
        this.campaigns = campaigns;
        this.ranking = ranking;
        this.selections = selections;
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
        StringBuilder csv = new StringBuilder(BOM).append(csvLine(HEADER)).append("\r\n");
        for (List<Object> row : rows(campaign)) {
            csv.append(csvLine(row)).append("\r\n");
        }
        return attachment(new MediaType("text", "csv", StandardCharsets.UTF_8), campaign, "csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/staff/campaigns/{campaignId}/ranking.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable String campaignId, HttpServletRequest request) {
        Campaign campaign = readable(campaignId, request);
        return attachment(XlsxSheet.CONTENT_TYPE, campaign, "xlsx",
                XlsxSheet.workbook(SHEET_NAME, HEADER, rows(campaign)));
    }

    /**
     * One list of cells per ranked application, in the order of {@link #HEADER}: numbers stay numbers.
     * Once the selection is established, its outcome, the committee's reason and the decision follow.
     */
    private List<List<Object>> rows(Campaign campaign) {
        Map<String, SelectionLine> selected = selections.linesOf(campaign.id()).stream()
                .collect(Collectors.toMap(SelectionLine::applicationId, Function.identity()));
        return ranking.rank(campaign).stream()
                .map(line -> row(line, selected.get(line.application().applicationId()))).toList();
    }

    private static List<Object> row(RankedApplication line, SelectionLine selected) {
        ReviewedApplication application = line.application();
        return Arrays.asList(line.rank(), application.reference(), application.projectTitle(),
                application.organisationName(), application.relevanceScore(),
                application.dataProtectionInterestScore(), application.qualityScore(), application.impactScore(),
                application.total(), line.proposedOutcome().label(),
                selected == null ? null : selected.outcome().label(),
                selected == null || !selected.moved() ? null : selected.changeReason(),
                selected == null || selected.decidedOutcome() == null ? null : selected.decidedOutcome().label());
    }

    private static ResponseEntity<byte[]> attachment(MediaType type, Campaign campaign, String extension,
            byte[] body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("classement-" + campaign.id() + "." + extension).build().toString())
                .body(body);
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

    private static String csvLine(List<?> values) {
        return values.stream().map(RankingPageController::csvValue).collect(Collectors.joining(";"));
    }

    /** Numbers as French spreadsheets read them (a decimal comma), text through {@link #cell}. */
    private static String csvValue(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString().replace('.', ',');
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        return cell((String) value);
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
