package fr.bacasable.notification.internal;

import fr.bacasable.notification.NotificationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Envoyer les messages": sends the application's pending e-mails. Meant for a service task with
 * {@code camunda:asyncBefore="true"} and a {@code camunda:failedJobRetryTimeCycle} (e.g. R5/PT5M), so
 * an SMTP outage ends in retries, then an incident, and nothing already sent is sent again.
 */
@Component("deliverNotifications")
class DeliverNotificationsDelegate implements JavaDelegate {

    static final String APPLICATION_ID = "applicationId";

    private final NotificationService notifications;

    DeliverNotificationsDelegate(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object applicationId = execution.getVariable(APPLICATION_ID);
        if (!(applicationId instanceof String id) || id.isBlank()) {
            throw new IllegalStateException("Process variable " + APPLICATION_ID + " is missing");
        }
        notifications.deliverPending(id);
    }
}
