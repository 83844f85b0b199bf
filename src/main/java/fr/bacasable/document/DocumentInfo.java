package fr.bacasable.document;

import java.time.Instant;

/** A stored document, without its content. */
public record DocumentInfo(String id, String applicationId, String informationRequestId, String fileName,
        long sizeBytes, String sha256, Instant uploadedAt) {
}
