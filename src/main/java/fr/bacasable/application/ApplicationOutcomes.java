package fr.bacasable.application;

import fr.bacasable.application.internal.ApplicationStatusRecorder;
import org.springframework.stereotype.Service;

/** What other modules may change of an application: its status after the selection, kept with its timeline. */
@Service
public class ApplicationOutcomes {

    private final ApplicationStatusRecorder recorder;

    ApplicationOutcomes(ApplicationStatusRecorder recorder) {
        this.recorder = recorder;
    }

    /** Sets the status and adds the event to the application's timeline, in the caller's transaction. */
    public void record(String applicationId, ApplicationStatus status, ApplicationEventType event, String actor,
            String detail) {
        recorder.record(applicationId, status, event, actor, detail);
    }
}
