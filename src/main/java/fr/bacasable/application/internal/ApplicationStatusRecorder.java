package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.shared.ProgrammeTime;
import org.springframework.stereotype.Component;

/** A status change and its timeline event, written together. */
@Component
public class ApplicationStatusRecorder {

    private final ApplicationRepository applications;
    private final ApplicationEventLog events;

    ApplicationStatusRecorder(ApplicationRepository applications, ApplicationEventLog events) {
        this.applications = applications;
        this.events = events;
    }

    public void record(String applicationId, ApplicationStatus status, ApplicationEventType event, String actor,
            String detail) {
        applications.updateStatus(applicationId, status, ProgrammeTime.now());
        events.record(applicationId, event, actor, detail);
    }
}
