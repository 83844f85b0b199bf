package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts e-mails to an applicant in the outbox, with what every template shows of the application. */
@Component
class ApplicationNotices {

    private final NotificationService notifications;
    private final ApplicationDirectory directory;

    ApplicationNotices(NotificationService notifications, ApplicationDirectory directory) {
        this.notifications = notifications;
        this.directory = directory;
    }

    void enqueue(ApplicationDetails application, NotificationTemplate template, Map<String, Object> extra) {
        Map<String, Object> model = directory.noticeModel(application);
        model.putAll(extra);
        model.put("contactName", application.submission().contactName());
        notifications.enqueue(application.id(), template, application.submission().contactEmail(), model);
    }
}
