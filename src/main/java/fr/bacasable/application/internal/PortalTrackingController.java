package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationNotFoundException;
import fr.bacasable.application.ApplicationStateException;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.InformationRequest;
import fr.bacasable.application.InvalidApplicationException;
import fr.bacasable.application.TrackedApplication;
import fr.bacasable.application.TrackingSection;
import fr.bacasable.document.DocumentInfo;
import fr.bacasable.document.InvalidDocumentException;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/**
 * The applicant's private tracking page, {@code /suivi/{reference}/{token}} (the link of the
 * receipt e-mail): status, the sections other modules contribute ({@link TrackingSection}: the
 * selection's decision…), messages, requests for information and their answers, documents, timeline,
 * withdrawal. An unknown reference and a wrong token get the same 404 page.
 */
@Controller
@RequestMapping("/suivi")
class PortalTrackingController {

    static final String NOT_FOUND_TITLE = "Candidature introuvable";
    /** Two actions on one application at the same moment: the engine lets one win. */
    static final String CONCURRENT_CHANGE = "Votre candidature vient d'être modifiée par ailleurs. "
            + "Rechargez la page puis réessayez.";
    /** What a successful action adds to the address it redirects to, and the sentence it shows there. */
    private static final Map<String, String> CONFIRMATIONS = Map.of(
            "reponse", "Votre réponse a bien été envoyée. Nous reprenons la vérification de votre dossier.",
            "retrait", "Votre candidature a été retirée. Un courriel vous confirme ce retrait.");

    private final IntakeService intake;
    private final List<TrackingSection> sections;

    PortalTrackingController(IntakeService intake, List<TrackingSection> sections) {
        this.intake = intake;
        this.sections = sections;
    }

    @GetMapping("/{reference}/{token}")
    ModelAndView track(@PathVariable String reference, @PathVariable String token,
            @RequestParam(required = false) String confirmation, HttpServletResponse response) {
        PortalPages.keepPrivate(response);
        ModelAndView page = trackingPage(reference, token, HttpStatus.OK);
        page.addObject("confirmation", confirmation == null ? null : CONFIRMATIONS.get(confirmation));
        return page;
    }

    @PostMapping("/{reference}/{token}/reponse")
    ModelAndView answer(@PathVariable String reference, @PathVariable String token,
            @RequestParam(name = PortalForms.ANSWER, required = false) String answer,
            @RequestParam(name = PortalForms.DOCUMENTS, required = false) List<MultipartFile> files,
            @RequestParam MultiValueMap<String, String> form, HttpServletResponse response) {
        PortalPages.keepPrivate(response);
        Map<String, String> repeated = PortalForms.repeatedFields(form);
        if (!repeated.isEmpty()) {
            return answerRefused(reference, token, null, repeated, HttpStatus.BAD_REQUEST);
        }
        try {
            intake.answerInformationRequest(reference, token, answer, PortalForms.uploads(files));
            return confirmed(reference, token, "reponse");
        } catch (InvalidApplicationException e) {
            return answerRefused(reference, token, answer, e.problems(), HttpStatus.BAD_REQUEST);
        } catch (InvalidDocumentException e) {
            return answerRefused(reference, token, answer, Map.of(PortalForms.DOCUMENTS, e.getMessage()),
                    e.tooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST);
        } catch (ApplicationStateException e) {
            return refused(reference, token, e.getMessage());
        } catch (OptimisticLockingException e) {
            return refused(reference, token, CONCURRENT_CHANGE);
        }
    }

    /** Asks before withdrawing: a page, not a script, so that it works without JavaScript. */
    @GetMapping("/{reference}/{token}/retrait")
    ModelAndView confirmWithdrawal(@PathVariable String reference, @PathVariable String token,
            HttpServletResponse response) {
        PortalPages.keepPrivate(response);
        TrackedApplication tracked = intake.track(reference, token);
        if (!tracked.withdrawable()) {
            ModelAndView page = trackingPage(tracked, token, HttpStatus.OK);
            page.addObject("stateMessage", notWithdrawable(tracked.application().status()));
            return page;
        }
        ModelAndView page = new ModelAndView("portal/withdrawal");
        page.addObject("tracked", tracked);
        page.addObject("token", token);
        return page;
    }

    @PostMapping("/{reference}/{token}/retrait")
    ModelAndView withdraw(@PathVariable String reference, @PathVariable String token,
            HttpServletResponse response) {
        PortalPages.keepPrivate(response);
        try {
            intake.withdraw(reference, token);
            return confirmed(reference, token, "retrait");
        } catch (ApplicationStateException e) {
            return refused(reference, token, e.getMessage());
        } catch (OptimisticLockingException e) {
            return refused(reference, token, CONCURRENT_CHANGE);
        }
    }

    /** A tracking link cut short in a mail client: the same page as a wrong one. */
    @GetMapping({"", "/", "/{reference}"})
    ModelAndView incomplete(HttpServletResponse response) {
        return notFound(new ApplicationNotFoundException(), response);
    }

    @ExceptionHandler(ApplicationNotFoundException.class)
    ModelAndView notFound(ApplicationNotFoundException e, HttpServletResponse response) {
        PortalPages.keepPrivate(response);
        return PortalPages.notFound(NOT_FOUND_TITLE, e.getMessage());
    }

    private ModelAndView trackingPage(String reference, String token, HttpStatus status) {
        return trackingPage(intake.track(reference, token), token, status);
    }

    private ModelAndView trackingPage(TrackedApplication tracked, String token, HttpStatus status) {
        InformationRequest open = tracked.application().status() == ApplicationStatus.AWAITING_APPLICANT
                ? tracked.openInformationRequest().orElse(null) : null;
        ModelAndView page = new ModelAndView("portal/tracking", status);
        page.addObject("tracked", tracked);
        page.addObject("details", tracked.application());
        page.addObject("token", token);
        page.addObject("openRequest", open);
        page.addObject("pastRequests", tracked.informationRequests().stream().filter(request -> request != open)
                .toList());
        page.addObject("documentsByRequest", tracked.documents().stream()
                .filter(document -> document.informationRequestId() != null)
                .collect(Collectors.groupingBy(DocumentInfo::informationRequestId)));
        page.addObject("sections", ShownSection.of(sections, section -> section.content(tracked)));
        page.addObject("problems", Map.of());
        return page;
    }

    private ModelAndView answerRefused(String reference, String token, String answer, Map<String, String> problems,
            HttpStatus status) {
        ModelAndView page = trackingPage(reference, token, status);
        page.addObject("problems", problems);
        page.addObject("answer", answer);
        return page;
    }

    private ModelAndView refused(String reference, String token, String message) {
        ModelAndView page = trackingPage(reference, token, HttpStatus.CONFLICT);
        page.addObject("stateMessage", message);
        return page;
    }

    private static ModelAndView confirmed(String reference, String token, String confirmation) {
        return new ModelAndView(new PortalRedirect("/suivi/" + UriUtils.encodePathSegment(reference,
                StandardCharsets.UTF_8) + "/" + UriUtils.encodePathSegment(token, StandardCharsets.UTF_8)
                + "?confirmation=" + confirmation));
    }

    private static String notWithdrawable(ApplicationStatus status) {
        return "Cette candidature ne peut plus être retirée (" + status.label() + ").";
    }
}
