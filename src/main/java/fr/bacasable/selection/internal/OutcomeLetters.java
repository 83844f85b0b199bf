package fr.bacasable.selection.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.review.Criterion;
import fr.bacasable.review.Review;
import fr.bacasable.review.ReviewDirectory;
import fr.bacasable.review.ReviewKind;
import fr.bacasable.review.Scores;
import fr.bacasable.selection.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        List<Review> scorings = reviews.reviewsOf(applicationId);
        Optional<Review> consensus = ofKind(scorings, ReviewKind.CONSENSUS);
        Scores finalScores = consensus.map(Review::scores).orElseGet(() -> Scores.mean(
                ofKind(scorings, ReviewKind.LEGAL).orElseThrow().scores(),
                ofKind(scorings, ReviewKind.TECHNICAL).orElseThrow().scores()));
        Map<String, Object> model = baseModel(application);
        model.put("outcome", outcome.name());
        model.put("scores", scoreLines(finalScores, scorings));
        model.put("total", decimal(finalScores.total()));
        model.put("rejectionReason", outcome == Outcome.REJECTED ? applications.reviewRejectionReason(applicationId)
                : null);
        model.put("consensusReason", consensus.map(Review::remarks).orElse(null));
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

    /** Per criterion: the final score and the legal then technical reviewers' justifications. */
    private static List<Map<String, Object>> scoreLines(Scores finalScores, List<Review> scorings) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            List<String> justifications = new ArrayList<>();
            for (ReviewKind kind : List.of(ReviewKind.LEGAL, ReviewKind.TECHNICAL)) {
                ofKind(scorings, kind).map(review -> review.justifications().get(criterion))
                        .filter(text -> !text.isBlank())
                        .ifPresent(text -> justifications.add(text.strip()));
            }
            lines.add(Map.of("label", criterion.label(), "score", decimal(finalScores.of(criterion)),
                    "justifications", justifications));
        }
        return lines;
    }

    private static Optional<Review> ofKind(List<Review> scorings, ReviewKind kind) {
        return scorings.stream().filter(review -> review.kind() == kind).reduce((first, later) -> later);
    }

    /** "3,5", "14". */
    static String decimal(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',');
    }
}
