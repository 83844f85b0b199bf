package fr.bacasable.application.internal;

import fr.bacasable.application.ApplicationEvent;
import fr.bacasable.application.InformationRequest;
import fr.bacasable.application.TrackedApplication;
import fr.bacasable.document.DocumentInfo;
import fr.bacasable.notification.OutboxMessage;
import java.time.Instant;
import java.util.List;

/** The JSON an applicant gets of their application through the API. */
record ApplicationView(
        String reference,
        String status,
        String statusLabel,
        String campaignTitle,
        String projectTitle,
        Instant submittedAt,
        boolean withdrawable,
        List<TimelineEntry> timeline,
        List<Message> messages,
        List<Request> informationRequests,
        List<Document> documents) {

    record TimelineEntry(Instant at, String type, String label) {
    }

    record Message(Instant at, String subject, String body) {
    }

    record Request(String id, String message, Instant requestedAt, Instant dueAt, Instant answeredAt, String answer) {
    }

    record Document(String id, String fileName, long sizeBytes, Instant uploadedAt) {
    }

    static ApplicationView of(TrackedApplication tracked) {
        return new ApplicationView(
                tracked.application().reference(),
                tracked.application().status().name(),
                tracked.application().status().label(),
                tracked.campaignTitle(),
                tracked.application().submission().projectTitle(),
                tracked.application().submittedAt(),
                tracked.withdrawable(),
                tracked.timeline().stream().map(ApplicationView::entry).toList(),
                tracked.messages().stream().map(ApplicationView::message).toList(),
                tracked.informationRequests().stream().map(ApplicationView::request).toList(),
                tracked.documents().stream().map(ApplicationView::document).toList());
    }

    static Document document(DocumentInfo info) {
        return new Document(info.id(), info.fileName(), info.sizeBytes(), info.uploadedAt());
    }

    private static TimelineEntry entry(ApplicationEvent event) {
        return new TimelineEntry(event.occurredAt(), event.type().name(), event.type().label());
    }

    private static Message message(OutboxMessage message) {
        return new Message(message.createdAt(), message.subject(), message.body());
    }

    private static Request request(InformationRequest request) {
        return new Request(request.id(), request.message(), request.requestedAt(), request.dueAt(),
                request.answeredAt(), request.answer());
    }
}
