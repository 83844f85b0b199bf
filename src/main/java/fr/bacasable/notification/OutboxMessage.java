package fr.bacasable.notification;

import java.time.Instant;

/**
 * An e-mail to an applicant as rendered and stored in the outbox.
 *
 * @param reference the application's reference, as the staff know it
 * @param attempts how many times sending was tried, the successful one included
 * @param lastError the last SMTP failure, kept after a later success; null when none
 */
public record OutboxMessage(
        String id,
        String applicationId,
        String reference,
        NotificationTemplate template,
        String recipient,
        String subject,
        String body,
        OutboxStatus status,
        Instant createdAt,
        Instant sentAt,
        int attempts,
        String lastError) {
}
