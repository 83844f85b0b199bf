package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationEventType;
import fr.bacasable.application.ApplicationStatus;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** A status change and its timeline event, written together. */
@Component
public class ApplicationStatusRecorder {

    private final ApplicationRepository applications;
    private final ApplicationEventLog events;
    private final Clock clock;

    ApplicationStatusRecorder(ApplicationRepository applications, ApplicationEventLog events, Clock clock) {
        this.applications = applications;
        this.events = events;
        this.clock = clock;
    }

    public void record(String applicationId, ApplicationStatus status, ApplicationEventType event, String actor,
            String detail) {
        applications.updateStatus(applicationId, status, clock.instant());
        events.record(applicationId, event, actor, detail);
    }
}
