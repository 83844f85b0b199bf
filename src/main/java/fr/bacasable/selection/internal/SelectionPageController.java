package fr.bacasable.selection.internal;

import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationHeading;
import fr.bacasable.application.ReviewedApplication;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.review.Scores;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionEvent;
import fr.bacasable.selection.SelectionLine;
import fr.bacasable.selection.internal.CommitteeMoves.RefusedMoveException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A campaign's selection for programme managers, the committee and the president: the ranked list
 * with the proposal, the outcomes as moved and decided, whether each application was told, and the
 * journal of who did what and why. The committee moves applications here while it proposes.
 */
@Controller
class SelectionPageController {

    /** One row of the page: the line with what the page shows of its application. */
    record Row(SelectionLine line, String reference, String projectTitle, ReviewedApplication scores) {

        /** The four criterion scores then the total, as French decimals; blanks for a line without scores. */
        public List<String> figures() {
            if (scores == null) {
                return List.of("", "", "", "", "");
            }
            return List.of(Scores.decimal(scores.relevanceScore()),
                    Scores.decimal(scores.dataProtectionInterestScore()),
                    Scores.decimal(scores.qualityScore()), Scores.decimal(scores.impactScore()),
                    Scores.decimal(scores.total()));
        }
    }

    private final CampaignService campaigns;
    private final SelectionRepository selections;
    private final ApplicationDirectory applications;
    private final CommitteeMoves moves;
    private final StaffAccess staffAccess;

    SelectionPageController(CampaignService campaigns, SelectionRepository selections,
            ApplicationDirectory applications, CommitteeMoves moves, StaffAccess staffAccess) {
        this.campaigns = campaigns;
        this.selections = selections;
        this.applications = applications;
        this.moves = moves;
        this.staffAccess = staffAccess;
    }

    @GetMapping("/staff/campaigns/{campaignId}/selection")
    String page(@PathVariable String campaignId, @RequestParam(required = false) String moved,
            HttpServletRequest request, Model model) {
        StaffUser user = reader(request);
        Campaign campaign = campaign(campaignId);
        if (moved != null) {
            model.addAttribute("notice", "La candidature " + moved + " a été déplacée.");
        }
        return render(campaign, user, model);
    }

    @PostMapping("/staff/campaigns/{campaignId}/selection/moves")
    String move(@PathVariable String campaignId, @RequestParam String applicationId,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String reason,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        StaffUser user = reader(request);
        if (!user.isMemberOfAny(StaffGroups.SELECTION_COMMITTEE)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Seul le comité de sélection peut déplacer une "
                    + "candidature.");
        }
        Campaign campaign = campaign(campaignId);
        try {
            moves.move(campaign, applicationId, outcome, reason, user.userId());
        } catch (RefusedMoveException refused) {
            return refused(campaign, user, model, response, applicationId, refused.getMessage());
        } catch (OptimisticLockingException meanwhile) {
            return refused(campaign, user, model, response, applicationId,
                    "La proposition vient d'être transmise ou modifiée par quelqu'un d'autre : rechargez la page.");
        }
        String reference = applications.get(applicationId).reference();
        return "redirect:/staff/campaigns/" + campaign.id() + "/selection?moved=" + reference;
    }

    private String refused(Campaign campaign, StaffUser user, Model model, HttpServletResponse response,
            String applicationId, String message) {
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        model.addAttribute("error", message);
        model.addAttribute("errorApplicationId", applicationId);
        return render(campaign, user, model);
    }

    private String render(Campaign campaign, StaffUser user, Model model) {
        List<SelectionLine> lines = selections.linesOf(campaign.id());
        Map<String, ReviewedApplication> scored = applications.shortlistedInRankingOrder(campaign.id()).stream()
                .collect(Collectors.toMap(ReviewedApplication::applicationId, Function.identity()));
        Map<String, ApplicationHeading> headings = applications.headingsOf(campaign.id());
        Map<String, String> references = new HashMap<>();
        headings.forEach((applicationId, heading) -> references.put(applicationId, heading.reference()));
        List<Row> rows = lines.stream().map(line -> {
            ApplicationHeading heading = headings.get(line.applicationId());
            return new Row(line, heading.reference(), heading.projectTitle(), scored.get(line.applicationId()));
        }).toList();
        List<SelectionEvent> journal = selections.eventsOf(campaign.id());
        model.addAttribute("campaign", campaign);
        model.addAttribute("ranked", rows.stream().filter(row -> row.line().rank() != null).toList());
        model.addAttribute("rejected", rows.stream().filter(row -> row.line().rank() == null).toList());
        model.addAttribute("journal", journal);
        model.addAttribute("references", references);
        model.addAttribute("places", places(campaign, lines));
        model.addAttribute("outcomes", Arrays.stream(Outcome.values()).filter(Outcome::selectable).toList());
        model.addAttribute("canMove", user.isMemberOfAny(StaffGroups.SELECTION_COMMITTEE)
                && moves.proposalOpen(campaign));
        return "staff/selection";
    }

    private static List<String> places(Campaign campaign, List<SelectionLine> lines) {
        return List.of(Outcome.LAUREATE, Outcome.ADVISED, Outcome.RESERVE).stream()
                .map(outcome -> outcome.label() + " : " + Capacities.taken(lines, outcome) + " / "
                        + Capacities.of(campaign, outcome))
                .toList();
    }

    private StaffUser reader(HttpServletRequest request) {
        return staffAccess.current(request).filter(user -> user.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS,
                        StaffGroups.SELECTION_COMMITTEE, StaffGroups.PRESIDENT))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "Réservé à la gestion du programme, au comité et à la présidence."));
    }

    private Campaign campaign(String campaignId) {
        return campaigns.find(campaignId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Campagne introuvable"));
    }
}
