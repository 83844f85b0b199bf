package fr.bacasable.application.internal;

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

    /** Whole seconds, rounded up, as the {@code Retry-After} header wants them. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** The wait in French words, in whole minutes rounded up. */
    static String inMinutes(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "une minute" : minutes + " minutes";
    }
}
