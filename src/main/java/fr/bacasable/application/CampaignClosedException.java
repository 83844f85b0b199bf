package fr.bacasable.application;

/** A submission to a campaign that is not open for applications. */
public class CampaignClosedException extends RuntimeException {

    public CampaignClosedException(String message) {
        super(message);
    }
}
