package fr.bacasable.application;

/**
 * The variables and messages of {@code ApplicationReviewProcess}, named once. Its business key is the
 * reference, which the processes it calls (the review, the selection's outcome, the withdrawal from the
 * selection) share.
 */
public final class ApplicationReviewVariables {

    public static final String PROCESS_KEY = "ApplicationReviewProcess";

    public static final String APPLICATION_ID = "applicationId";
    public static final String REFERENCE = "reference";
    public static final String CAMPAIGN_ID = "campaignId";

    /** Facts read by EligibilityDecision; the DPIA and AI Act answers are passed under their decision input names. */
    public static final String APPLICANT_TYPE = "applicantType";
    public static final String USES_AI = "usesAi";
    public static final String PROCESSES_PERSONAL_DATA = "processesPersonalData";
    public static final String PROJECT_STAGE = "projectStage";
    public static final String PROHIBITED_PRACTICE = "prohibitedPractice";
    public static final String ANNEX_III_AREA = "annexIiiArea";

    /** The decisions' results, each a map of the decision's outputs. */
    public static final String ELIGIBILITY = "eligibility";
    public static final String DPIA_ASSESSMENT = "dpiaAssessment";
    public static final String AI_ACT_ASSESSMENT = "aiActAssessment";

    public static final String ELIGIBLE = "eligible";

    /** Fields of the completeness check form. */
    public static final String COMPLETENESS = "completeness";
    public static final String COMPLETENESS_COMPLETE = "COMPLETE";
    public static final String COMPLETENESS_INCOMPLETE = "INCOMPLETE";
    public static final String INFORMATION_REQUEST_TEXT = "informationRequest";

    public static final String INFORMATION_REQUEST_ID = "informationRequestId";
    public static final String ANSWER_DUE_AT = "answerDueAt";
    public static final String REMINDER_AT = "reminderAt";

    public static final String MESSAGE_APPLICANT_ANSWERED = "ApplicantAnswered";
    public static final String MESSAGE_APPLICATION_WITHDRAWN = "ApplicationWithdrawn";
    /** The accompaniment of a laureate starts (sent by the accompaniment phase). */
    public static final String MESSAGE_ACCOMPANIMENT_STARTED = "AccompanimentStarted";

    private ApplicationReviewVariables() {
    }
}
