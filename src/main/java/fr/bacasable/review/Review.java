package fr.bacasable.review;

import java.time.Instant;
import java.util.Map;

/** One scoring of an application, with a justification per criterion (a consensus has one reason instead). */
public record Review(String id, String applicationId, ReviewKind kind, String reviewer, Scores scores,
        Map<Criterion, String> justifications, String remarks, Instant completedAt) {
}
