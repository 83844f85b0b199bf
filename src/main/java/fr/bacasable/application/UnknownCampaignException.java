package fr.bacasable.application;

/** No published campaign with this id: nobody can apply to it, and the API answers 404. */
public class UnknownCampaignException extends CampaignClosedException {

    public UnknownCampaignException() {
        super("Cette campagne n'existe pas ou n'est pas publiée.");
    }
}
