package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationDetails;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.notification.NotificationTemplate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Puts e-mails to an applicant in the outbox, with what every template shows of the application. */
@Component
class ApplicationNotices {

    private final NotificationService notifications;
    private final CampaignService campaigns;

    ApplicationNotices(NotificationService notifications, CampaignService campaigns) {
        this.notifications = notifications;
        this.campaigns = campaigns;
    }

    void enqueue(ApplicationDetails application, NotificationTemplate template, Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("reference", application.reference());
        model.put("projectTitle", application.submission().projectTitle());
        model.put("contactName", application.submission().contactName());
        model.put("campaignTitle", campaigns.find(application.campaignId()).map(Campaign::title).orElse(""));
        notifications.enqueue(application.id(), template, application.submission().contactEmail(), model);
    }
}
