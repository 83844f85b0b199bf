package fr.bacasable.notification.internal;

import fr.bacasable.notification.internal.OutboxRepository.PendingMail;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox, apart from any process: takes a lease on each due message (so of several
 * nodes exactly one sends it), sends it, then marks it SENT in its own statement right after the SMTP
 * server accepted it. The lease is short and renewed every third of it while the send lasts: a send
 * may take as long as the SMTP timeouts allow, and a node that dies frees its message within one
 * lease. A mail is sent twice only when the node stops (or loses the database) between
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
    private final Clock clock;
    private final ScheduledExecutorService leaseKeeper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "outbox-lease");
        thread.setDaemon(true);
        return thread;
    });

    OutboxDispatcher(OutboxRepository outbox, SmtpMailer mailer, MailDispatchProperties properties, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
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
        Instant now = clock.instant();
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

    @PreDestroy
    void stop() {
        leaseKeeper.shutdownNow();
    }

    private boolean send(PendingMail mail) {
        String id = mail.message().id();
        long renewEvery = properties.lease().toMillis() / 3;
        ScheduledFuture<?> renewal = leaseKeeper.scheduleWithFixedDelay(() -> renewLease(id), renewEvery, renewEvery,
                TimeUnit.MILLISECONDS);
        try {
            mailer.send(mail.message(), mail.privateLink());
        } catch (RuntimeException e) {
            int failures = mail.consecutiveFailures() + 1;
            Instant nextAttempt = failures >= properties.maxAttempts() ? null
                    : clock.instant().plus(properties.delayAfter(failures));
            LOG.warn("Sending outbox message {} failed (failure {} of {}): {}", id, failures,
                    properties.maxAttempts(), e.toString());
            outbox.recordFailure(id, e.toString(), nextAttempt);
            return false;
        } finally {
            renewal.cancel(false);
        }
        outbox.markSent(id, clock.instant());
        return true;
    }

    private void renewLease(String id) {
        try {
            outbox.renewLease(id, node, clock.instant().plus(properties.lease()));
        } catch (DataAccessException e) {
            LOG.warn("Could not renew the lease of outbox message {}: {}", id, e.toString());
        }
    }
}
