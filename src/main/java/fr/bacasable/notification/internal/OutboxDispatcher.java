package fr.bacasable.notification.internal;

import fr.bacasable.notification.internal.OutboxRepository.PendingMail;
import fr.bacasable.shared.ProgrammeTime;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox, apart from any process: takes a lease on each due message (so of several
 * nodes exactly one sends it), sends it, then marks it SENT in its own statement right after the SMTP
 * server accepted it. A mail is sent twice only when the node stops (or loses the database) between
 * that accept and that mark; the copy carries the same {@code Message-ID}. A failure moves the message
 * to the next delay of the retry schedule; after the last allowed attempt it is FAILED, shown on the
 * outbox page for a manager to retry.
 */
@Component
public class OutboxDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxRepository outbox;
    private final SmtpMailer mailer;
    private final MailDispatchProperties properties;
    private final String node = "node-" + UUID.randomUUID();

    OutboxDispatcher(OutboxRepository outbox, SmtpMailer mailer, MailDispatchProperties properties) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
    }

    /**
     * Sends the messages due now, oldest first. Stops at the first SMTP failure, so an outage costs
     * one attempt per poll, not one per waiting message. Without an SMTP server it sends nothing.
     *
     * @return how many messages were sent
     */
    public int dispatchDue() {
        if (!mailer.isConfigured()) {
            return 0;
        }
        Instant now = ProgrammeTime.now();
        outbox.releaseAllConfirmed(now);
        int sent = 0;
        for (String id : outbox.dueIds(now, properties.batchSize())) {
            var claimed = outbox.claim(id, node, now, now.plus(properties.lease()));
            if (claimed.isEmpty()) {
                continue;
            }
            if (!send(claimed.get())) {
                break;
            }
            sent++;
        }
        if (sent > 0) {
            LOG.info("Sent {} outbox message(s)", sent);
        }
        return sent;
    }

    private boolean send(PendingMail mail) {
        String id = mail.message().id();
        try {
            mailer.send(mail.message(), mail.privateLink());
        } catch (RuntimeException e) {
            int failures = mail.consecutiveFailures() + 1;
            Instant nextAttempt = failures >= properties.maxAttempts() ? null
                    : ProgrammeTime.now().plus(properties.delayAfter(failures));
            LOG.warn("Sending outbox message {} failed (failure {} of {}): {}", id, failures,
                    properties.maxAttempts(), e.toString());
            outbox.recordFailure(id, e.toString(), nextAttempt);
            return false;
        }
        outbox.markSent(id, ProgrammeTime.now());
        return true;
    }
}
