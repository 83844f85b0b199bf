package fr.bacasable.application.internal;

import static fr.bacasable.application.ApplicationReviewVariables.APPLICANT_TYPE;
import static fr.bacasable.application.ApplicationReviewVariables.APPLICATION_ID;
import static fr.bacasable.application.ApplicationReviewVariables.CAMPAIGN_ID;
import static fr.bacasable.application.ApplicationReviewVariables.PROCESSES_PERSONAL_DATA;
import static fr.bacasable.application.ApplicationReviewVariables.PROJECT_STAGE;
import static fr.bacasable.application.ApplicationReviewVariables.REFERENCE;
import static fr.bacasable.application.ApplicationReviewVariables.USES_AI;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.ApplicationNotFoundException;
import fr.bacasable.application.ApplicationReviewVariables;
import fr.bacasable.application.ApplicationStateException;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.CampaignClosedException;
import fr.bacasable.application.InformationRequest;
import fr.bacasable.application.InvalidApplicationException;
import fr.bacasable.application.SubmissionReceipt;
import fr.bacasable.application.TrackedApplication;
import fr.bacasable.application.UnknownCampaignException;
import fr.bacasable.application.internal.ApplicationRepository.StoredApplication;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.document.DocumentInfo;
import fr.bacasable.document.DocumentService;
import fr.bacasable.document.InvalidDocumentException;
import fr.bacasable.document.UploadedFile;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.shared.FrenchDates;
import fr.bacasable.shared.Texts;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What applicants do: submit, follow, answer a request for information, add documents, withdraw.
 * Each action writes our tables and moves the application's process in one transaction.
 */
@Service
public class IntakeService {

    static final int ANSWER_MAX = 4000;
    static final int MAX_DOCUMENTS = 10;
    static final Set<ApplicationStatus> CLOSED = EnumSet.of(ApplicationStatus.INELIGIBLE,
            ApplicationStatus.CLOSED_INCOMPLETE, ApplicationStatus.REJECTED, ApplicationStatus.NOT_SELECTED,
            ApplicationStatus.COMPLETED, ApplicationStatus.WITHDRAWN);

    private final CampaignService campaigns;
    private final ApplicationRepository applications;
    private final InformationRequestRepository informationRequests;
    private final ApplicationEventLog events;
    private final ReferenceGenerator references;
    private final DocumentService documents;
    private final NotificationService notifications;
    private final RuntimeService runtimeService;
    private final FrenchDates frenchDates;
    private final SubmissionLimits limits;
    private final String publicUrl;
    private final Clock clock;

    IntakeService(CampaignService campaigns, ApplicationRepository applications,
            InformationRequestRepository informationRequests, ApplicationEventLog events,
            ReferenceGenerator references, DocumentService documents, NotificationService notifications,
            RuntimeService runtimeService, FrenchDates frenchDates, SubmissionLimits limits,
            @Value("${bas.public-url}") String publicUrl, Clock clock) {
        this.campaigns = campaigns;
        this.applications = applications;
        this.informationRequests = informationRequests;
        this.events = events;
        this.references = references;
        this.documents = documents;
        this.notifications = notifications;
        this.runtimeService = runtimeService;
        this.frenchDates = frenchDates;
        this.limits = limits;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /** The campaign open to applications, or why not. */
    public Campaign openCampaign(String campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(UnknownCampaignException::new);
        LocalDate today = LocalDate.now(clock);
        if (today.isBefore(campaign.openingDate())) {
            throw new CampaignClosedException("Les candidatures à la campagne « " + campaign.title()
                    + " » ouvriront le " + frenchDates.date(campaign.openingDate()) + ".");
        }
        if (today.isAfter(campaign.closingDate())) {
            throw new CampaignClosedException("Les candidatures à la campagne « " + campaign.title()
                    + " » sont closes depuis le " + frenchDates.date(campaign.closingDate().plusDays(1)) + ".");
        }
        if (campaign.status() == CampaignStatus.PUBLISHED) {
            throw new CampaignClosedException("Les candidatures à la campagne « " + campaign.title()
                    + " » ouvrent aujourd'hui : réessayez dans quelques minutes.");
        }
        if (!campaign.acceptsApplications()) {
            throw new CampaignClosedException("Les candidatures à la campagne « " + campaign.title()
                    + " » sont closes : la clôture, prévue le " + frenchDates.date(campaign.closingDate())
                    + ", a été avancée.");
        }
        return campaign;
    }

    /** A submission made by the application itself (demo data), outside the public routes' limits. */
    @Transactional
    public SubmissionReceipt submit(String campaignId, ApplicationSubmission submission, List<UploadedFile> files) {
        return submit(campaignId, submission, files, null);
    }

    /**
     * A submission from a public route: a valid one counts against the limits per client address
     * and per contact address ({@link SubmissionLimits}).
     */
    @Transactional
    SubmissionReceipt submitFrom(String clientAddress, String campaignId, ApplicationSubmission submission,
            List<UploadedFile> files) {
        return submit(campaignId, submission, files, clientAddress);
    }

    private SubmissionReceipt submit(String campaignId, ApplicationSubmission submission, List<UploadedFile> files,
            String clientAddress) {
        Map<String, String> problems = new LinkedHashMap<>(submission.problems());
        checkDocuments(null, files, "documents", problems);
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
        Campaign campaign = openCampaign(campaignId);
        if (clientAddress != null) {
            limits.admit(clientAddress, submission.contactEmail());
        }

        String id = UUID.randomUUID().toString();
        String reference = references.next(LocalDate.now(clock).getYear());
        String token = TrackingTokens.newToken();
        applications.insert(id, reference, campaign.id(), submission, TrackingTokens.hash(token), clock.instant());
        files.forEach(file -> documents.store(id, null, file));
        events.record(id, ApplicationEventType.SUBMITTED, null, null);

        String trackingUrl = publicUrl + "/suivi/" + reference + "/" + token;
        notifications.enqueue(id, NotificationTemplate.RECEIPT, submission.contactEmail().strip(), Map.of(
                "reference", reference,
                "projectTitle", submission.projectTitle().strip(),
                "contactName", submission.contactName().strip(),
                "campaignTitle", campaign.title(),
                "trackingUrl", trackingUrl));
        String processInstanceId = runtimeService.startProcessInstanceByKey(ApplicationReviewVariables.PROCESS_KEY,
                reference, processVariables(id, reference, campaign.id(), submission)).getId();
        applications.attachProcess(id, processInstanceId);
        return new SubmissionReceipt(reference, token, trackingUrl);
    }

    public TrackedApplication track(String reference, String token) {
        ApplicationDetails application = authorised(reference, token);
        String campaignTitle = campaigns.find(application.campaignId()).map(Campaign::title).orElse("");
        return new TrackedApplication(application, campaignTitle,
                events.eventsOf(application.id()).stream().filter(event -> event.type().visibleToApplicant()).toList(),
                notifications.messagesOf(application.id()),
                informationRequests.findByApplication(application.id()),
                documents.documentsOf(application.id()),
                isWithdrawable(application));
    }

    @Transactional
    public void answerInformationRequest(String reference, String token, String answer, List<UploadedFile> files) {
        ApplicationDetails application = lockedAuthorised(reference, token);
        InformationRequest request = openRequest(application);
        Map<String, String> problems = new LinkedHashMap<>();
        if (Texts.isBlank(answer)) {
            problems.put("answer", "Rédigez votre réponse à la demande de compléments.");
        } else if (Texts.hasForbiddenCharacters(answer)) {
            problems.put("answer", "La réponse contient des caractères non autorisés.");
        } else if (answer.strip().length() > ANSWER_MAX) {
            problems.put("answer", "La réponse ne doit pas dépasser " + ANSWER_MAX + " caractères.");
        }
        checkDocuments(application.id(), files, "documents", problems);
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
        if (!informationRequests.answer(request.id(), answer.strip(), clock.instant())) {
            throw new ApplicationStateException("Cette demande de compléments a déjà reçu une réponse.");
        }
        files.forEach(file -> documents.store(application.id(), request.id(), file));
        events.record(application.id(), ApplicationEventType.APPLICANT_ANSWERED, null, null);
        applications.updateStatus(application.id(), ApplicationStatus.SUBMITTED, clock.instant());
        try {
            runtimeService.createMessageCorrelation(ApplicationReviewVariables.MESSAGE_APPLICANT_ANSWERED)
                    .processInstanceBusinessKey(reference).correlateWithResult();
        } catch (MismatchingMessageCorrelationException e) {
            throw new ApplicationStateException(isClosedIncomplete(application.id())
                    ? "Le délai de réponse est dépassé : la candidature a été close."
                    : "Cette demande de compléments n'attend plus de réponse : rechargez votre page de suivi.");
        }
    }

    /**
     * Adds documents to an application still being checked, optionally for its open request for
     * information, and returns them as stored, in the order given.
     */
    @Transactional
    public List<DocumentInfo> addDocuments(String reference, String token, String informationRequestId,
            List<UploadedFile> files) {
        ApplicationDetails application = lockedAuthorised(reference, token);
        if (application.status() != ApplicationStatus.SUBMITTED
                && application.status() != ApplicationStatus.AWAITING_APPLICANT) {
            throw new ApplicationStateException(
                    "Des documents ne peuvent plus être ajoutés à cette candidature (" + application.status().label()
                            + ").");
        }
        if (informationRequestId != null && !informationRequestId.isBlank()
                && !openRequest(application).id().equals(informationRequestId)) {
            throw new ApplicationStateException("Cette demande de compléments n'est plus ouverte.");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (files.isEmpty()) {
            problems.put("file", "Joignez un document PDF.");
        }
        checkDocuments(application.id(), files, "file", problems);
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
        String requestId = informationRequestId == null || informationRequestId.isBlank() ? null : informationRequestId;
        return files.stream().map(file -> {
            DocumentInfo stored = documents.store(application.id(), requestId, file);
            events.record(application.id(), ApplicationEventType.DOCUMENT_ADDED, null, file.fileName());
            return stored;
        }).toList();
    }

    @Transactional
    public void withdraw(String reference, String token) {
        ApplicationDetails application = authorised(reference, token);
        if (!isWithdrawable(application)) {
            throw new ApplicationStateException("Cette candidature ne peut plus être retirée ("
                    + application.status().label() + ").");
        }
        runtimeService.createMessageCorrelation(ApplicationReviewVariables.MESSAGE_APPLICATION_WITHDRAWN)
                .processInstanceBusinessKey(reference).correlateWithResult();
    }

    public Optional<ApplicationDetails> findByReference(String reference) {
        return applications.findByReference(reference).map(StoredApplication::details);
    }

    /**
     * The application whose private tracking link this is. Opening the link proves the contact address
     * (the link was sent there), so the mails held for that address are released.
     */
    private ApplicationDetails authorised(String reference, String token) {
        ApplicationDetails application = applications.findByReference(reference)
                .filter(stored -> TrackingTokens.matches(token, stored.trackingTokenHash()))
                .map(StoredApplication::details)
                .orElseThrow(ApplicationNotFoundException::new);
        notifications.confirmRecipient(application.id());
        return application;
    }

    /** As {@link #authorised}, holding the application's row until the transaction ends. */
    private ApplicationDetails lockedAuthorised(String reference, String token) {
        ApplicationDetails application = authorised(reference, token);
        applications.lock(application.id());
        return application;
    }

    private InformationRequest openRequest(ApplicationDetails application) {
        return informationRequests.findByApplication(application.id()).stream()
                .filter(InformationRequest::isOpen)
                .filter(request -> application.status() == ApplicationStatus.AWAITING_APPLICANT)
                .findFirst()
                .orElseThrow(() -> new ApplicationStateException("Aucune demande de compléments n'attend de réponse."));
    }

    /** Whether the overdue answer closed the application meanwhile (committed by the process's timer). */
    private boolean isClosedIncomplete(String applicationId) {
        return applications.findById(applicationId)
                .map(stored -> stored.details().status() == ApplicationStatus.CLOSED_INCOMPLETE).orElse(false);
    }

    /** While the process listens for a withdrawal and no outcome has closed the application. */
    private boolean isWithdrawable(ApplicationDetails application) {
        return !CLOSED.contains(application.status()) && application.processInstanceId() != null
                && runtimeService.createEventSubscriptionQuery()
                .processInstanceId(application.processInstanceId())
                .eventName(ApplicationReviewVariables.MESSAGE_APPLICATION_WITHDRAWN).count() > 0;
    }

    /**
     * Puts the first document problem under {@code field}, the per-application caps included
     * ({@code applicationId} null for a new application); a file over the size limit is thrown as is (413).
     */
    private void checkDocuments(String applicationId, List<UploadedFile> files, String field,
            Map<String, String> problems) {
        if (files.size() > MAX_DOCUMENTS) {
            problems.put(field, "Joignez au plus " + MAX_DOCUMENTS + " documents.");
            return;
        }
        for (UploadedFile file : files) {
            try {
                documents.check(file);
            } catch (InvalidDocumentException e) {
                if (e.tooLarge()) {
                    throw e;
                }
                problems.putIfAbsent(field, e.getMessage());
            }
        }
        documents.roomProblem(applicationId, files).ifPresent(problem -> problems.putIfAbsent(field, problem));
    }

    private static Map<String, Object> processVariables(String id, String reference, String campaignId,
            ApplicationSubmission submission) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(APPLICATION_ID, id);
        variables.put(REFERENCE, reference);
        variables.put(CAMPAIGN_ID, campaignId);
        variables.put(APPLICANT_TYPE, submission.applicantType());
        variables.put(USES_AI, submission.usesAi());
        variables.put(PROCESSES_PERSONAL_DATA, submission.processesPersonalData());
        variables.put(PROJECT_STAGE, submission.projectStage());
        variables.putAll(submission.dpia().byField());
        variables.put(ApplicationReviewVariables.PROHIBITED_PRACTICE, submission.aiAct().prohibitedPractice());
        variables.put(ApplicationReviewVariables.ANNEX_III_AREA, submission.aiAct().annexIiiArea());
        variables.putAll(submission.aiAct().booleansByField());
        return variables;
    }
}
