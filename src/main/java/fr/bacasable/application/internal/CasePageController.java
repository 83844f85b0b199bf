package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.CaseReader;
import fr.bacasable.application.CaseSection;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.document.DocumentInfo;
import fr.bacasable.document.DocumentService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.security.StaffAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The staff case page of an application: everything it holds, its documents, the decisions run on
 * its self-declaration, the messages sent, the sections other modules contribute ({@link CaseSection}:
 * the reviews, the selection…) and a timeline merged from the engine's history and our events.
 * Programme managers open every case; a reviewer only the case of an application with a task they
 * may work now (the engine's authorizations decide, as in Tasklist); the committee and the president
 * those shortlisted or later. Only programme managers see who did each step.
 */
@Controller
class CasePageController {

    static final Set<ApplicationStatus> SHORTLISTED_OR_LATER = EnumSet.of(ApplicationStatus.SHORTLISTED,
            ApplicationStatus.LAUREATE, ApplicationStatus.ADVISED, ApplicationStatus.RESERVE,
            ApplicationStatus.NOT_SELECTED, ApplicationStatus.IN_ACCOMPANIMENT, ApplicationStatus.COMPLETED);

    static final Map<String, String> DPIA_LABELS = Map.of(
            "REQUIRED", "AIPD obligatoire",
            "TO_ASSESS", "AIPD à évaluer (un critère)",
            "NOT_REQUIRED", "AIPD non requise au vu des critères");
    static final Map<String, String> AI_ACT_LABELS = Map.of(
            "PROHIBITED", "Pratique interdite",
            "HIGH_RISK", "Système à haut risque",
            "TRANSPARENCY", "Obligations de transparence",
            "MINIMAL", "Risque minimal");

    record TimelineEntry(Instant at, String label, String actor, String detail) {
    }

    private final IntakeService intake;
    private final InformationRequestRepository informationRequests;
    private final ApplicationEventLog events;
    private final DocumentService documents;
    private final NotificationService notifications;
    private final CampaignService campaigns;
    private final CaseProcess process;
    private final List<CaseSection> sections;
    private final StaffAccess staffAccess;

    CasePageController(IntakeService intake, InformationRequestRepository informationRequests,
            ApplicationEventLog events, DocumentService documents, NotificationService notifications,
            CampaignService campaigns, CaseProcess process, List<CaseSection> sections, StaffAccess staffAccess) {
        this.intake = intake;
        this.informationRequests = informationRequests;
        this.events = events;
        this.documents = documents;
        this.notifications = notifications;
        this.campaigns = campaigns;
        this.process = process;
        this.sections = sections;
        this.staffAccess = staffAccess;
    }

    @GetMapping("/cases/{reference}")
    String casePage(@PathVariable String reference, HttpServletRequest request, Model model) {
        ApplicationDetails application = readable(reference, request);
        StaffUser user = staffAccess.current(request).orElseThrow();
        model.addAttribute("details", application);
        model.addAttribute("submission", application.submission());
        model.addAttribute("campaign", campaigns.find(application.campaignId()).map(Campaign::title).orElse(""));
        model.addAttribute("documents", documents.documentsOf(application.id()));
        model.addAttribute("informationRequests", informationRequests.findByApplication(application.id()));
        model.addAttribute("messages", notifications.messagesOf(application.id()));
        CaseReader reader = new CaseReader(user);
        model.addAttribute("sections", ShownSection.of(sections, section -> section.content(application, reader)));
        model.addAttribute("timeline", reader.seesWho() ? timeline(application)
                : timeline(application).stream().map(entry -> new TimelineEntry(entry.at(), entry.label(), null,
                        entry.detail())).toList());
        model.addAttribute("dpiaLabel", labelOf(DPIA_LABELS, application.dpiaRequirement()));
        model.addAttribute("aiActLabel", labelOf(AI_ACT_LABELS, application.aiActRiskLevel()));
        return "staff/case";
    }

    @GetMapping("/cases/{reference}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable String documentId,
            HttpServletRequest request) {
        ApplicationDetails application = readable(reference, request);
        DocumentInfo info = documents.find(application.id(), documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] content = documents.content(application.id(), documentId).orElseThrow();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(info.fileName(), StandardCharsets.UTF_8)
                                .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(content);
    }

    private ApplicationDetails readable(String reference, HttpServletRequest request) {
        ApplicationDetails application = intake.findByReference(reference)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Aucune candidature ne porte cette "
                        + "référence."));
        StaffUser user = staffAccess.current(request).orElseThrow();
        if (!mayRead(user, application.status())
                && (user.isMemberOfAny(StaffGroups.INSPECTION) || !process.mayWorkATask(user, application))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Vous n'avez pas de rôle sur ce dossier à cette "
                    + "étape : un relecteur n'ouvre que le dossier d'une tâche qu'il peut traiter.");
        }
        return application;
    }

    /** A refusal or an unknown case, on a French staff page. */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException e) {
        ModelAndView page = new ModelAndView("staff/refused", e.getStatusCode());
        page.addObject("title", e.getStatusCode().value() == HttpStatus.NOT_FOUND.value() ? "Dossier introuvable"
                : "Accès refusé");
        page.addObject("message", e.getReason() == null ? "Cette page n'est pas disponible." : e.getReason());
        return page;
    }

    /** Null until the decision has run. */
    private static String labelOf(Map<String, String> labels, String code) {
        return code == null ? null : labels.getOrDefault(code, code);
    }

    /** Programme managers read every case, the committee and the president those shortlisted or later. */
    static boolean mayRead(StaffUser user, ApplicationStatus status) {
        if (user.isMemberOfAny(StaffGroups.INSPECTION)) {
            return false;
        }
        return user.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS)
                || user.isMemberOfAny(StaffGroups.SELECTION_COMMITTEE, StaffGroups.PRESIDENT)
                        && SHORTLISTED_OR_LATER.contains(status);
    }

    /** Our events and the tasks of the application's processes, finished or running, oldest first. */
    private List<TimelineEntry> timeline(ApplicationDetails application) {
        List<TimelineEntry> entries = new ArrayList<>();
        events.eventsOf(application.id()).forEach(event -> entries.add(new TimelineEntry(event.occurredAt(),
                event.type().label(), event.actor(), event.type() == ApplicationEventType.INELIGIBLE
                        || event.type() == ApplicationEventType.DOCUMENT_ADDED ? event.detail() : null)));
        process.steps(application).forEach(step -> entries.add(new TimelineEntry(step.startedAt(), "Étape : "
                + step.name() + (step.running() ? " (en cours)" : ""), step.assignee(), null)));
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return entries;
    }
}
