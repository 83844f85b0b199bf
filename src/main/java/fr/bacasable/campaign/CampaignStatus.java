package fr.bacasable.campaign;

/** Where a campaign stands; the labels are what staff and applicants read. */
public enum CampaignStatus {
    PUBLISHED("Publiée, ouverture à venir"),
    OPEN("Ouverte aux candidatures"),
    CLOSED("Clôturée"),
    SELECTION("Sélection en cours"),
    RESULTS_ANNOUNCED("Résultats annoncés");

    private final String label;

    CampaignStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
