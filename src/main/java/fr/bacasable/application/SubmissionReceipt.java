package fr.bacasable.application;

/** What the applicant gets back once: the reference and the private tracking token (only its hash is kept). */
public record SubmissionReceipt(String reference, String trackingToken, String trackingUrl) {
}
