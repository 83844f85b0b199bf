package fr.bacasable.review.internal;

import static fr.bacasable.review.ReviewVariables.CONFLICT_DECLARED;
import static fr.bacasable.review.ReviewVariables.CONFLICT_DETAILS_FIELD;
import static fr.bacasable.review.ReviewVariables.CONFLICT_FIELD;
import static fr.bacasable.review.ReviewVariables.REASON_FIELD;
import static fr.bacasable.review.ReviewVariables.REMARKS_FIELD;
import static fr.bacasable.review.ReviewVariables.REVIEWS_DIVERGE;
import static fr.bacasable.review.ReviewVariables.REVIEW_COMPARISON;
import static fr.bacasable.review.ReviewVariables.REVIEW_DUE_AT;
import static fr.bacasable.review.ReviewVariables.REVIEW_ESCALATION_AT;
import static fr.bacasable.review.ReviewVariables.field;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationOutcomes;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.review.Criterion;
import fr.bacasable.review.Review;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.ReviewOutcomeResult;
import fr.bacasable.review.ReviewVariables;
import fr.bacasable.review.Scores;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.shared.ProgrammeTime;
import fr.bacasable.shared.Texts;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code ReviewProcess}: reviews and conflicts recorded in our
 * tables, reviewers kept off the tasks they may not do (a conflict declared, or the other review of
 * the same application already done: four eyes), consensus, reminders and escalation.
 */
@Component
class ReviewSteps {

    static final BigDecimal DIVERGENCE = BigDecimal.valueOf(2);
    static final BigDecimal MAX_SCORE = BigDecimal.valueOf(5);
    static final BigDecimal HALF = new BigDecimal("0.5");
    static final Duration ESCALATION_AFTER_DUE = Duration.ofDays(5);
    static final int TEXT_MAX = 4000;
    static final int COMPARISON_JUSTIFICATION_MAX = 300;
    static final String YES = "yes";
    static final String NO = "no";

    private final ReviewRepository reviews;
    private final ApplicationDirectory applications;
    private final ApplicationOutcomes outcomes;
    private final CampaignService campaigns;
    private final NotificationService notifications;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final AuthorizationService authorizationService;
    private final ReviewerNames names;
    private final Clock clock;

    ReviewSteps(ReviewRepository reviews, ApplicationDirectory applications, ApplicationOutcomes outcomes,
            CampaignService campaigns, NotificationService notifications, IdentityService identityService,
            TaskService taskService, AuthorizationService authorizationService, ReviewerNames names, Clock clock) {
        this.reviews = reviews;
        this.applications = applications;
        this.outcomes = outcomes;
        this.campaigns = campaigns;
        this.notifications = notifications;
        this.identityService = identityService;
        this.taskService = taskService;
        this.authorizationService = authorizationService;
        this.names = names;
        this.clock = clock;
    }

    /** "Planifier les revues": both are due after the campaign's review delay, escalated 5 days later. */
    void scheduleReviews(DelegateExecution execution) {
        Instant dueAt = dueFromNow(application(execution));
        schedule(execution, ReviewKind.LEGAL, dueAt);
        schedule(execution, ReviewKind.TECHNICAL, dueAt);
    }

    private Instant dueFromNow(ApplicationDetails application) {
        int reviewDays = campaigns.find(application.campaignId()).map(Campaign::reviewDays).orElseThrow();
        return clock.instant().plus(Duration.ofDays(reviewDays));
    }

    /** The review's deadline: at scheduling, and again for whoever takes a review handed back after a conflict. */
    private static void schedule(DelegateExecution execution, ReviewKind kind, Instant dueAt) {
        execution.setVariable(field(kind, REVIEW_DUE_AT), Date.from(dueAt));
        execution.setVariable(field(kind, REVIEW_ESCALATION_AT), Date.from(dueAt.plus(ESCALATION_AFTER_DUE)));
    }

    /** On creation of a review task: whoever declared a conflict or did the other review cannot see it. */
    void excludeReviewers(DelegateTask task, ReviewKind kind) {
        String applicationId = (String) task.getVariable(ReviewVariables.APPLICATION_ID);
        excludedFrom(applicationId, kind).forEach(userId -> revoke(task.getId(), userId));
    }

    /**
     * "Enregistrer la revue": a declared conflict puts the task back to its group without that
     * person; otherwise the scores and justifications are checked and stored. Any refusal rolls the
     * completion back, so the task stays open with its form.
     */
    void recordReview(DelegateExecution execution, ReviewKind kind) {
        ApplicationDetails application = application(execution);
        String reviewer = currentUser(execution);
        String conflict = (String) execution.getVariable(field(kind, CONFLICT_FIELD));
        if (!YES.equals(conflict) && !NO.equals(conflict)) {
            throw new FormFieldValidationException(field(kind, CONFLICT_FIELD),
                    "Indiquez si vous avez un conflit d'intérêts avec ce projet.");
        }
        if (YES.equals(conflict)) {
            String details = optionalText(execution, field(kind, CONFLICT_DETAILS_FIELD));
            reviews.insertConflict(application.id(), kind, reviewer, details, clock.instant());
            tellManagers(application, NotificationTemplate.CONFLICT_DECLARED, Map.of(
                    "reviewKind", kind.label(), "reviewer", names.of(reviewer),
                    "details", details == null ? "non précisée" : details));
            execution.setVariable(field(kind, CONFLICT_DECLARED), true);
            removeFormFields(execution, kind);
            schedule(execution, kind, dueFromNow(application));
            return;
        }
        ReviewKind other = otherReview(kind);
        if (reviewOf(application.id(), other).map(Review::reviewer).filter(reviewer::equals).isPresent()) {
            throw new FormFieldValidationException(field(kind, CONFLICT_FIELD), "Vous avez déjà réalisé la revue "
                    + other.label() + " de cette candidature : la revue " + kind.label()
                    + " doit être faite par une autre personne.");
        }
        Map<Criterion, String> justifications = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            String justification = optionalText(execution, field(kind, criterion.justificationField()));
            if (justification == null) {
                throw new FormFieldValidationException(field(kind, criterion.justificationField()),
                        "Justifiez la note du critère « " + criterion.label() + " ».");
            }
            justifications.put(criterion, justification);
        }
        store(new Review(UUID.randomUUID().toString(), application.id(), kind, reviewer,
                scores(execution, kind), justifications, optionalText(execution, field(kind, REMARKS_FIELD)),
                clock.instant()));
        openReviewTask(execution, other).ifPresent(task -> revoke(task.getId(), reviewer));
        execution.setVariable(field(kind, CONFLICT_DECLARED), false);
        removeFormFields(execution, kind);
    }

    /** "Comparer les revues": the means feed ReviewOutcomeDecision; a gap of 2 points or more needs a consensus. */
    void compareReviews(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        Review legal = reviewOf(application.id(), ReviewKind.LEGAL).orElseThrow();
        Review technical = reviewOf(application.id(), ReviewKind.TECHNICAL).orElseThrow();
        boolean diverge = Scores.diverge(legal.scores(), technical.scores(), DIVERGENCE);
        setDecisionInputs(execution, Scores.mean(legal.scores(), technical.scores()));
        execution.setVariable(REVIEWS_DIVERGE, diverge);
        if (diverge) {
            execution.setVariable(REVIEW_COMPARISON, comparison(legal, technical));
        }
    }

    /** "Enregistrer le consensus": the agreed scores replace the means, with the reason kept. */
    void recordConsensus(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        String reason = optionalText(execution, field(ReviewKind.CONSENSUS, REASON_FIELD));
        if (reason == null) {
            throw new FormFieldValidationException(field(ReviewKind.CONSENSUS, REASON_FIELD),
                    "Expliquez comment les notes ont été arrêtées.");
        }
        Scores agreed = scores(execution, ReviewKind.CONSENSUS);
        store(new Review(UUID.randomUUID().toString(), application.id(), ReviewKind.CONSENSUS,
                currentUser(execution), agreed, Map.of(), reason, clock.instant()));
        setDecisionInputs(execution, agreed);
        removeFormFields(execution, ReviewKind.CONSENSUS);
        execution.removeVariable(REVIEW_COMPARISON);
    }

    /**
     * "Enregistrer l'issue de la revue": ReviewOutcomeDecision on the final scores shortlists or
     * rejects, with the reason kept.
     */
    void recordReviewOutcome(DelegateExecution execution) {
        ApplicationDetails application = application(execution);
        @SuppressWarnings("unchecked")
        ReviewOutcomeResult outcome = ReviewOutcomeResult.from(
                (Map<String, Object>) execution.getVariable(ReviewVariables.REVIEW_OUTCOME));
        Map<String, Double> finalScores = new HashMap<>();
        for (Criterion criterion : Criterion.values()) {
            finalScores.put(criterion.field(), ((Number) execution.getVariable(criterion.field())).doubleValue());
        }
        outcomes.recordReviewOutcome(application.id(), finalScores,
                outcome.reviewRecommendation() == null ? null : outcome.reviewRecommendation().name(),
                outcome.rejectionReason(), outcome.shortlisted());
        execution.removeVariable(ReviewVariables.REVIEW_OUTCOME);
    }

    /** "Préparer le rappel au relecteur": the assignee, or the whole group while nobody has taken the task. */
    void remindReviewer(DelegateExecution execution, ReviewKind kind) {
        ApplicationDetails application = application(execution);
        List<String> excluded = excludedFrom(application.id(), kind);
        List<User> recipients = openReviewTask(execution, kind).map(Task::getAssignee)
                .map(assignee -> identityService.createUserQuery().userId(assignee).list())
                .orElseGet(() -> identityService.createUserQuery().memberOfGroup(kind.groupId()).list()).stream()
                .filter(user -> !excluded.contains(user.getId())).toList();
        notify(application, NotificationTemplate.REVIEW_REMINDER, recipients, reviewModel(execution, kind));
    }

    /** "Préparer l'alerte aux gestionnaires": the review is 5 days late. */
    void escalateReview(DelegateExecution execution, ReviewKind kind) {
        tellManagers(application(execution), NotificationTemplate.REVIEW_ESCALATION, reviewModel(execution, kind));
    }

    /** One scoring per kind: whoever completes the same task second loses, as with the engine's own writes. */
    private void store(Review review) {
        try {
            reviews.insert(review);
        } catch (DuplicateKeyException completedMeanwhile) {
            throw new OptimisticLockingException("The " + review.kind() + " review of application "
                    + review.applicationId() + " was recorded meanwhile");
        }
    }

    private Map<String, Object> reviewModel(DelegateExecution execution, ReviewKind kind) {
        Date dueAt = (Date) execution.getVariable(field(kind, REVIEW_DUE_AT));
        return Map.of("reviewKind", kind.label(), "dueDate", LocalDate.ofInstant(dueAt.toInstant(), ProgrammeTime.ZONE));
    }

    private void tellManagers(ApplicationDetails application, NotificationTemplate template, Map<String, Object> extra) {
        notify(application, template, identityService.createUserQuery().memberOfGroup(StaffGroups.PROGRAMME_MANAGERS)
                .list(), extra);
    }

    private void notify(ApplicationDetails application, NotificationTemplate template, List<User> recipients,
            Map<String, Object> extra) {
        for (User user : recipients) {
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                continue;
            }
            Map<String, Object> model = applications.noticeModel(application);
            model.putAll(extra);
            model.put("contactName", (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip());
            notifications.enqueue(application.id(), template, user.getEmail(), model);
        }
    }

    private List<String> excludedFrom(String applicationId, ReviewKind kind) {
        List<String> excluded = new ArrayList<>(reviews.conflictedReviewers(applicationId, kind));
        reviewOf(applicationId, otherReview(kind)).map(Review::reviewer).ifPresent(excluded::add);
        return excluded;
    }

    private static ReviewKind otherReview(ReviewKind kind) {
        return kind == ReviewKind.LEGAL ? ReviewKind.TECHNICAL : ReviewKind.LEGAL;
    }

    /**
     * A user-level revoke outweighs the grant the candidate group gives: the task is gone for that
     * person. Their own grants on the task (left by a claim) are removed first, as a grant and a revoke
     * at the same level would leave the task listed.
     */
    private void revoke(String taskId, String userId) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task != null && userId.equals(task.getAssignee())) {
            taskService.setAssignee(taskId, null);
        }
        authorizationService.createAuthorizationQuery().userIdIn(userId).resourceType(Resources.TASK)
                .resourceId(taskId).list().forEach(grant -> authorizationService.deleteAuthorization(grant.getId()));
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(userId);
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(taskId);
        revoke.removePermission(Permissions.ALL);
        authorizationService.saveAuthorization(revoke);
    }

    private Optional<Task> openReviewTask(DelegateExecution execution, ReviewKind kind) {
        return taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(kind.taskKey())
                .list().stream().findFirst();
    }

    private Optional<Review> reviewOf(String applicationId, ReviewKind kind) {
        return reviews.findByApplication(applicationId).stream().filter(review -> review.kind() == kind).findFirst();
    }

    private static Scores scores(DelegateExecution execution, ReviewKind kind) {
        Map<Criterion, BigDecimal> scores = new EnumMap<>(Criterion.class);
        for (Criterion criterion : Criterion.values()) {
            String name = field(kind, criterion.field());
            BigDecimal score = score(execution.getVariable(name));
            if (score == null) {
                throw new FormFieldValidationException(name, "Notez le critère « " + criterion.label()
                        + " » de 0 à 5, par demi-points.");
            }
            scores.put(criterion, score);
        }
        return new Scores(scores);
    }

    /** A score 0 to 5 in half points, whatever the form sent (text or number); null otherwise. */
    static BigDecimal score(Object value) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal score = new BigDecimal(value.toString().strip());
            boolean halfPoints = score.remainder(HALF).signum() == 0;
            return halfPoints && score.signum() >= 0 && score.compareTo(MAX_SCORE) <= 0 ? score.stripTrailingZeros()
                    : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void setDecisionInputs(DelegateExecution execution, Scores scores) {
        for (Criterion criterion : Criterion.values()) {
            execution.setVariable(criterion.field(), scores.of(criterion).doubleValue());
        }
    }

    private static String comparison(Review legal, Review technical) {
        StringBuilder table = new StringBuilder("| Critère | Revue juridique | Revue technique |\n| --- | --- | --- |\n");
        for (Criterion criterion : Criterion.values()) {
            table.append("| ").append(criterion.label()).append(" | ")
                    .append(cell(legal, criterion)).append(" | ").append(cell(technical, criterion)).append(" |\n");
        }
        return table.toString();
    }

    /** A score with the start of its justification, shown literally; eight stay within a 4000-character text. */
    private static String cell(Review review, Criterion criterion) {
        String justification = Texts.markdownLiteral(review.justifications().getOrDefault(criterion, "")
                .replace("|", "/").replaceAll("\\s+", " "));
        if (justification.length() > COMPARISON_JUSTIFICATION_MAX) {
            int end = COMPARISON_JUSTIFICATION_MAX;
            while (end > 0 && (Character.isHighSurrogate(justification.charAt(end - 1))
                    || justification.charAt(end - 1) == '\\')) {
                end--;
            }
            justification = justification.substring(0, end).strip() + "…";
        }
        return review.scores().of(criterion).toPlainString() + "/5 : " + justification;
    }

    private static String optionalText(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().strip();
        if (text.length() > TEXT_MAX || Texts.hasForbiddenCharacters(text)) {
            throw new FormFieldValidationException(name, "Ce texte est trop long (4000 caractères au plus) "
                    + "ou contient des caractères non autorisés.");
        }
        return text;
    }

    private static void removeFormFields(DelegateExecution execution, ReviewKind kind) {
        List<String> fields = new ArrayList<>(List.of(field(kind, CONFLICT_FIELD), field(kind, CONFLICT_DETAILS_FIELD),
                field(kind, REMARKS_FIELD), field(kind, REASON_FIELD)));
        for (Criterion criterion : Criterion.values()) {
            fields.add(field(kind, criterion.field()));
            fields.add(field(kind, criterion.justificationField()));
        }
        execution.removeVariables(fields);
    }

    private ApplicationDetails application(DelegateExecution execution) {
        return applications.get((String) execution.getVariable(ReviewVariables.APPLICATION_ID));
    }

    private static String currentUser(DelegateExecution execution) {
        Authentication authentication = execution.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw new FormFieldValidationException("reviewer", "Connectez-vous pour enregistrer une revue.");
        }
        return authentication.getUserId();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
