package fr.bacasable.campaign;

/** The variables of {@code CallForProjectsProcess}, named once. */
public final class CallForProjectsVariables {

    public static final String PROCESS_KEY = "CallForProjectsProcess";

    /** Set by the publication step: the campaign row's id and its opening and closing instants. */
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String OPENS_AT = "opensAt";
    public static final String CLOSES_AT = "closesAt";
    public static final String OPENING_DATE_REACHED = "openingDateReached";

    /** Set at closing: when what is still under review gets escalated to the programme managers. */
    public static final String REVIEW_DEADLINE = "reviewDeadline";
    /** How many applications are still before the end of their review. */
    public static final String PENDING_REVIEWS = "pendingReviews";
    /**
     * Thrown by an application's process when its review is through (or it is withdrawn), suffixed with
     * the campaign id: it wakes the campaign waiting for the end of the reviews.
     */
    public static final String SIGNAL_REVIEW_SETTLED = "ReviewSettled-";

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

    /** The start form's fields; removed once the campaign row is written. */
    public static final String TITLE = "title";
    public static final String THEME = "theme";
    public static final String OPENING_DATE = "openingDate";
    public static final String CLOSING_DATE = "closingDate";
    public static final String LAUREATE_CAPACITY = "laureateCapacity";
    public static final String ADVISED_CAPACITY = "advisedCapacity";
    public static final String RESERVE_CAPACITY = "reserveCapacity";
    public static final String INFORMATION_ANSWER_DAYS = "informationAnswerDays";
    public static final String REVIEW_DAYS = "reviewDays";

    private CallForProjectsVariables() {
    }
}
