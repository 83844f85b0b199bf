package fr.bacasable.application;

import fr.bacasable.document.DocumentInfo;
import fr.bacasable.notification.OutboxMessage;
import java.util.List;
import java.util.Optional;

/** Everything the applicant may see of their application through the private tracking link. */
public record TrackedApplication(
        ApplicationDetails application,
        String campaignTitle,
        List<ApplicationEvent> timeline,
        List<OutboxMessage> messages,
        List<InformationRequest> informationRequests,
        List<DocumentInfo> documents,
        boolean withdrawable) {

    public Optional<InformationRequest> openInformationRequest() {
        return informationRequests.stream().filter(InformationRequest::isOpen).findFirst();
    }
}
