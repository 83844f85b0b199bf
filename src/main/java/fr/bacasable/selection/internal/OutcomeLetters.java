package fr.bacasable.selection.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.review.ReviewDirectory;
import fr.bacasable.review.Scores;
import fr.bacasable.selection.Outcome;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The letters of the selection, put in the applicant's outbox (they show on the tracking page too):
 * the decision with the final scores and the reviewers' justifications, never their names.
 */
@Component
class OutcomeLetters {

    private final ApplicationDirectory applications;
    private final ReviewDirectory reviews;
    private final NotificationService notifications;

    OutcomeLetters(ApplicationDirectory applications, ReviewDirectory reviews, NotificationService notifications) {
        this.applications = applications;
        this.reviews = reviews;
        this.notifications = notifications;
    }

    void enqueueDecision(String applicationId, Outcome outcome) {
        ApplicationDetails application = applications.get(applicationId);
        DecisionScores scores = DecisionScores.of(reviews.reviewsOf(applicationId)).orElseThrow();
        Map<String, Object> model = baseModel(application);
        model.put("outcome", outcome.name());
        model.put("scores", scores.lines().stream().map(line -> Map.of("label", line.criterion().label(),
                "score", Scores.decimal(line.score()), "justifications", line.justifications())).toList());
        model.put("total", Scores.decimal(scores.total()));
        model.put("rejectionReason", outcome == Outcome.REJECTED ? applications.reviewRejectionReason(applicationId)
                : null);
        model.put("consensusReason", scores.consensusReason());
        enqueue(application, NotificationTemplate.SELECTION_DECISION, model);
    }

    void enqueuePromotion(String applicationId) {
        ApplicationDetails application = applications.get(applicationId);
        enqueue(application, NotificationTemplate.RESERVE_PROMOTED, baseModel(application));
    }

    private void enqueue(ApplicationDetails application, NotificationTemplate template, Map<String, Object> model) {
        notifications.enqueue(application.id(), template, application.submission().contactEmail(), model);
    }

    private Map<String, Object> baseModel(ApplicationDetails application) {
        Map<String, Object> model = new HashMap<>(applications.noticeModel(application));
        model.put("contactName", application.submission().contactName());
        return model;
    }
}
