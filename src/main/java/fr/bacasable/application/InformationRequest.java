package fr.bacasable.application;

import java.time.Instant;

/** A request for information sent to an applicant, and its answer once given. */
public record InformationRequest(String id, String applicationId, String message, String requestedBy,
        Instant requestedAt, Instant dueAt, Instant answeredAt, String answer) {

    public boolean isOpen() {
        return answeredAt == null;
    }
}
