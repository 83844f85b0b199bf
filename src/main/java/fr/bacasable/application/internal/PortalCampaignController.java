package fr.bacasable.application.internal;

import fr.bacasable.application.AiActQuestion;
import fr.bacasable.application.AiTechnique;
import fr.bacasable.application.AnnexIiiArea;
import fr.bacasable.application.ApplicantType;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.CampaignClosedException;
import fr.bacasable.application.DpiaCriterion;
import fr.bacasable.application.InvalidApplicationException;
import fr.bacasable.application.PersonalDataCategory;
import fr.bacasable.application.ProhibitedPractice;
import fr.bacasable.application.ProjectStage;
import fr.bacasable.application.PublicServiceDomain;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.document.InvalidDocumentException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriUtils;

/**
 * The campaign page and the application form of the public portal. After a submission the
 * reference and the tracking link are shown on a page whose address holds no token: they travel
 * from the form to that page as flash attributes. A form sent again gets the first submission's
 * confirmation ({@link PortalSubmissions}).
 */
@Controller
class PortalCampaignController {

    static final String UNKNOWN_CAMPAIGN = "Cette campagne n'existe pas ou n'est pas publiée.";
    private static final String REFERENCE = "reference";
    private static final String TRACKING_URL = "trackingUrl";
    private static final String PROJECT_TITLE = "projectTitle";
    private static final String REPEATED = "repeated";
    private static final String SUBMITTED_AT = "submittedAt";
    /** The summary's entry when the form came without its submission key: it links to the button. */
    static final String SUBMISSION = "submission";
    static final String KEY_MISSING = "Ce formulaire n'a pas pu être identifié (page trop ancienne ?) : vérifiez vos "
            + "réponses puis déposez à nouveau votre candidature.";

    private final CampaignService campaigns;
    private final IntakeService intake;
    private final PortalSubmissions submissions;
    private final Clock clock;

    PortalCampaignController(CampaignService campaigns, IntakeService intake, PortalSubmissions submissions,
            Clock clock) {
        this.campaigns = campaigns;
        this.intake = intake;
        this.submissions = submissions;
        this.clock = clock;
    }

    @GetMapping("/campagnes/{campaignId}")
    ModelAndView campaign(@PathVariable String campaignId) {
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return unknownCampaign();
        }
        ModelAndView page = new ModelAndView("portal/campaign");
        page.addObject("campaign", campaign.get());
        String closed = closedMessage(campaignId);
        page.addObject("closedMessage", closed);
        page.addObject("statusLabel", statusLabel(campaign.get(), closed == null));
        return page;
    }

    /**
     * A new submission key with each page, which the browser keeps in its history: back on this
     * page and sent again, the form repeats the same submission.
     */
    @GetMapping("/campagnes/{campaignId}/candidature")
    ModelAndView form(@PathVariable String campaignId, HttpServletRequest request, HttpServletResponse response) {
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return unknownCampaign();
        }
        String closed = closedMessage(campaignId);
        if (closed != null) {
            return closedPage(campaign.get(), closed, HttpStatus.OK);
        }
        submissions.markBrowser(request, response);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        return formPage(campaign.get(), PortalForms.emptySubmission(), Map.of(), PortalSubmissions.newKey(),
                HttpStatus.OK);
    }

    @PostMapping("/campagnes/{campaignId}/candidature")
    ModelAndView submit(@PathVariable String campaignId, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = PortalForms.DOCUMENTS, required = false) List<MultipartFile> files,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return unknownCampaign();
        }
        String key = form.getFirst(PortalSubmissions.KEY_FIELD);
        PortalSubmissions.FormClient client = PortalSubmissions.client(request);
        submissions.markBrowser(request, response);
        if (PortalSubmissions.isKey(key)) {
            Optional<PortalSubmissions.Outcome> earlier = submissions.earlier(client, key);
            if (earlier.isPresent()) {
                return confirmed(campaignId, earlier.get(), client, request);
            }
        }
        String closed = closedMessage(campaignId);
        if (closed != null) {
            return closedPage(campaign.get(), closed, HttpStatus.CONFLICT);
        }
        ApplicationSubmission submission = PortalForms.submission(form);
        String formKey = PortalSubmissions.isKey(key) ? key : PortalSubmissions.newKey();
        Map<String, String> repeated = PortalForms.repeatedFields(form);
        if (!repeated.isEmpty()) {
            return formPage(campaign.get(), submission, repeated, formKey, HttpStatus.BAD_REQUEST);
        }
        if (!formKey.equals(key)) {
            Map<String, String> problems = new LinkedHashMap<>(PortalForms.inFormOrder(submission.problems()));
            problems.put(SUBMISSION, KEY_MISSING);
            return formPage(campaign.get(), submission, problems, formKey, HttpStatus.BAD_REQUEST);
        }
        try {
            return confirmed(campaignId, submissions.submitOnce(client, key, campaignId, submission,
                    () -> PortalForms.uploads(files)), client, request);
        } catch (InvalidApplicationException e) {
            return formPage(campaign.get(), submission, PortalForms.inFormOrder(e.problems()), key,
                    HttpStatus.BAD_REQUEST);
        } catch (InvalidDocumentException e) {
            return formPage(campaign.get(), submission, Map.of(PortalForms.DOCUMENTS, e.getMessage()), key,
                    e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST);
        } catch (CampaignClosedException e) {
            return closedPage(campaign.get(), e.getMessage(), HttpStatus.CONFLICT);
        } catch (TooManySubmissionsException e) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
            return closedPage(campaign.get(), e.getMessage(), HttpStatus.TOO_MANY_REQUESTS);
        }
    }

    /** Shows the receipt kept in the flash attributes once; reloaded or opened later, it only says where to find it. */
    @GetMapping("/campagnes/{campaignId}/candidature/confirmation")
    ModelAndView confirmation(@PathVariable String campaignId, Model flash, HttpServletResponse response) {
        Optional<Campaign> campaign = campaigns.find(campaignId);
        if (campaign.isEmpty()) {
            return unknownCampaign();
        }
        PortalPages.keepPrivate(response);
        ModelAndView page = new ModelAndView("portal/confirmation");
        page.addObject("campaign", campaign.get());
        page.addAllObjects(flash.asMap());
        return page;
    }

    /** Hands the submission to the confirmation page, the tracking link only where {@link PortalSubmissions} allows it. */
    private ModelAndView confirmed(String campaignId, PortalSubmissions.Outcome outcome,
            PortalSubmissions.FormClient client, HttpServletRequest request) {
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put(REFERENCE, outcome.submitted().reference());
        flash.put(PROJECT_TITLE, outcome.submitted().projectTitle());
        flash.put(SUBMITTED_AT, outcome.submitted().submittedAt());
        flash.put(REPEATED, outcome.repeated());
        outcome.trackingUrl(client, clock.instant()).ifPresent(url -> flash.put(TRACKING_URL, url));
        return new ModelAndView(new PortalRedirect(confirmationPath(campaignId)));
    }

    private String closedMessage(String campaignId) {
        try {
            intake.openCampaign(campaignId);
            return null;
        } catch (CampaignClosedException e) {
            return e.getMessage();
        }
    }

    /** What the applicant reads: the dates decide, even before the campaign's own timers have run. */
    private String statusLabel(Campaign campaign, boolean open) {
        if (open) {
            return CampaignStatus.OPEN.label();
        }
        return LocalDate.now(clock).isBefore(campaign.openingDate()) ? CampaignStatus.PUBLISHED.label()
                : CampaignStatus.CLOSED.label();
    }

    private static ModelAndView formPage(Campaign campaign, ApplicationSubmission submission,
            Map<String, String> problems, String submissionKey, HttpStatus status) {
        ModelAndView page = new ModelAndView("portal/application-form", status);
        page.addObject("campaign", campaign);
        page.addObject("submissionKey", submissionKey);
        page.addObject("form", submission);
        page.addObject("problems", problems);
        page.addObject("applicantTypes", ApplicantType.values());
        page.addObject("domains", PublicServiceDomain.values());
        page.addObject("stages", ProjectStage.values());
        page.addObject("techniques", AiTechnique.values());
        page.addObject("dataCategories", PersonalDataCategory.values());
        page.addObject("dpiaCriteria", DpiaCriterion.values());
        page.addObject("prohibitedPractices", ProhibitedPractice.values());
        page.addObject("annexIiiAreas", AnnexIiiArea.values());
        page.addObject("aiActQuestions", AiActQuestion.values());
        return page;
    }

    private static ModelAndView closedPage(Campaign campaign, String message, HttpStatus status) {
        ModelAndView page = new ModelAndView("portal/application-form", status);
        page.addObject("campaign", campaign);
        page.addObject("closedMessage", message);
        return page;
    }

    private static ModelAndView unknownCampaign() {
        return PortalPages.notFound("Campagne introuvable", UNKNOWN_CAMPAIGN);
    }

    private static String confirmationPath(String campaignId) {
        return "/campagnes/" + UriUtils.encodePathSegment(campaignId, StandardCharsets.UTF_8)
                + "/candidature/confirmation";
    }
}
