package fr.bacasable.selection;

/**
 * The variables of {@code CampaignSelectionProcess}, named once. The call for projects calls it at
 * closing with the campaign's id and review deadline, under the campaign's business key.
 */
public final class CampaignSelectionVariables {

    public static final String PROCESS_KEY = "CampaignSelectionProcess";

    /** Passed in by the call for projects. */
    public static final String CAMPAIGN_ID = "campaignId";
    /** When what is still under review gets escalated to the programme managers. */
    public static final String REVIEW_DEADLINE = "reviewDeadline";

    /** How many applications are still before the end of their review. */
    public static final String PENDING_REVIEWS = "pendingReviews";

    /**
     * The selection tasks: a summary of the selection, the same size for any campaign (the ranked table
     * is on the selection page), the committee's and president's fields.
     */
    public static final String SELECTION_SUMMARY = "selectionSummary";
    public static final String COMMITTEE_REMARK = "committeeRemark";
    public static final String SELECTION_DECISION = "selectionDecision";
    public static final String DECISION_CONFIRM = "CONFIRM";
    public static final String DECISION_SEND_BACK = "SEND_BACK";
    public static final String PRESIDENT_REMARK = "presidentRemark";
    public static final String SELECTION_CONFIRMED = "selectionConfirmed";
    /** The president's remark when sending the selection back, shown to the committee until it proposes again. */
    public static final String SENT_BACK_REMARK = "sentBackRemark";
    /**
     * Once the president confirms, the applications are told their outcome a page at a time: how many
     * pages, and the id of the last application of the page told so far.
     */
    public static final String ANNOUNCEMENT_PAGES = "announcementPages";
    public static final String ANNOUNCEMENT_CURSOR = "announcementCursor";

    private CampaignSelectionVariables() {
    }
}
