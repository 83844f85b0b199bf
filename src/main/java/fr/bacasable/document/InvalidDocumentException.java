package fr.bacasable.document;

/** A file refused as an application document; the message is French and meant for the applicant. */
public class InvalidDocumentException extends RuntimeException {

    private final boolean tooLarge;

    InvalidDocumentException(String message, boolean tooLarge) {
        super(message);
        this.tooLarge = tooLarge;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
