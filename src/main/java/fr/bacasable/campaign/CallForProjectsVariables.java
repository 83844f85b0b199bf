package fr.bacasable.campaign;

/** The variables of {@code CallForProjectsProcess}, named once. */
public final class CallForProjectsVariables {

    public static final String PROCESS_KEY = "CallForProjectsProcess";

    /** Set by the publication step: the campaign row's id and its opening and closing instants. */
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String OPENS_AT = "opensAt";
    public static final String CLOSES_AT = "closesAt";
    public static final String OPENING_DATE_REACHED = "openingDateReached";

    /** Set at closing and passed to the selection: when what is still under review gets escalated. */
    public static final String REVIEW_DEADLINE = "reviewDeadline";

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
