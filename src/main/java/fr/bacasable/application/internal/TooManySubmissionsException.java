package fr.bacasable.application.internal;

import fr.bacasable.shared.RateLimiter;
import java.time.Duration;

/** A submission over one of the limits of {@link SubmissionLimits}; the message is French. */
class TooManySubmissionsException extends RuntimeException {

    private final Duration retryAfter;
    private final String field;

    /** @param field the field that reached its limit, or null when it is the client itself */
    TooManySubmissionsException(String message, Duration retryAfter, String field) {
        super(message);
        this.retryAfter = retryAfter;
        this.field = field;
    }

    String field() {
        return field;
    }

    long retryAfterSeconds() {
        return RateLimiter.retryAfterSeconds(retryAfter);
    }
}
