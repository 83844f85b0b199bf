package fr.bacasable.application;

import fr.bacasable.application.internal.ApplicationRepository;
import fr.bacasable.application.internal.ApplicationStatusRecorder;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What other modules may change of an application: its status after the review and the selection, kept with its timeline. */
@Service
public class ApplicationOutcomes {

    private final ApplicationRepository applications;
    private final ApplicationStatusRecorder recorder;
    private final Clock clock;

    ApplicationOutcomes(ApplicationRepository applications, ApplicationStatusRecorder recorder, Clock clock) {
        this.applications = applications;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Sets the status and adds the event to the application's timeline, in the caller's transaction. */
    public void record(String applicationId, ApplicationStatus status, ApplicationEventType event, String actor,
            String detail) {
        recorder.record(applicationId, status, event, actor, detail);
    }

    /**
     * Keeps the review's final scores (by ReviewOutcomeDecision input name) and the decision's
     * recommendation, then shortlists or rejects the application with the reason on its timeline.
     */
    public void recordReviewOutcome(String applicationId, Map<String, Double> finalScores, String recommendation,
            String rejectionReason, boolean shortlisted) {
        applications.recordReviewOutcome(applicationId, finalScores, recommendation, rejectionReason,
                clock.instant());
        recorder.record(applicationId, shortlisted ? ApplicationStatus.SHORTLISTED : ApplicationStatus.REJECTED,
                shortlisted ? ApplicationEventType.SHORTLISTED : ApplicationEventType.REJECTED, null, rejectionReason);
    }
}
