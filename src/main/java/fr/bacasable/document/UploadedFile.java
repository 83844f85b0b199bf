package fr.bacasable.document;

/** A file as received from an applicant, not yet checked. */
public record UploadedFile(String fileName, byte[] content) {
}
