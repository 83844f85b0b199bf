package fr.bacasable.notification;

import fr.bacasable.notification.internal.MailTemplates;
import fr.bacasable.notification.internal.MailTemplates.RenderedMail;
import fr.bacasable.notification.internal.OutboxRepository;
import fr.bacasable.notification.internal.SmtpMailer;
import fr.bacasable.shared.ProgrammeTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The notification module's public API: e-mails to applicants through the outbox. */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final OutboxRepository outbox;
    private final MailTemplates templates;
    private final SmtpMailer mailer;
    private final TransactionTemplate newTransaction;

    NotificationService(OutboxRepository outbox, MailTemplates templates, SmtpMailer mailer,
            PlatformTransactionManager transactionManager) {
        this.outbox = outbox;
        this.templates = templates;
        this.mailer = mailer;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Renders the template (French) with the model and stores it PENDING, in the caller's transaction.
     * The stored body shows a placeholder instead of the private tracking link ({@code trackingUrl}):
     * the link is put in when sending, then erased.
     *
     * @throws IllegalArgumentException when the recipient is not one valid address or a model key the
     *         template needs is missing
     * @return the message id
     */
    public String enqueue(String applicationId, NotificationTemplate template, String recipient,
            Map<String, Object> model) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("An outbox message needs an application id");
        }
        String address = SmtpMailer.checkedAddress(recipient);
        RenderedMail mail = templates.render(template, model);
        String id = UUID.randomUUID().toString();
        outbox.insert(id, applicationId, template, address, mail, ProgrammeTime.now());
        return id;
    }

    /**
     * Sends the application's PENDING messages, oldest first, each in its own new transaction (send,
     * then mark SENT), so a failure after some sends never re-sends those. Only committed messages are
     * seen: call it from a step after the one that enqueued them ({@code asyncBefore}). Without an SMTP
     * server ({@code spring.mail.host} unset) it sends nothing and the messages stay PENDING. An SMTP
     * failure is recorded on the message (attempts, last error) in its own transaction and rethrown, so
     * the calling job retries; the messages after it wait, to keep their order.
     *
     * @return how many messages were sent
     */
    public int deliverPending(String applicationId) {
        List<String> pending = newTransaction.execute(status -> outbox.pendingIdsOf(applicationId));
        if (pending.isEmpty()) {
            return 0;
        }
        if (!mailer.isConfigured()) {
            log.info("No SMTP server configured (spring.mail.host): {} message(s) of application {} left pending "
                    + "in the outbox", pending.size(), applicationId);
            return 0;
        }
        int sent = 0;
        for (String messageId : pending) {
            if (deliver(messageId)) {
                sent++;
            }
        }
        log.info("Sent {} message(s) of application {}", sent, applicationId);
        return sent;
    }

    /** Messages sent to the applicant, oldest first (tracking page, case page). */
    public List<OutboxMessage> messagesOf(String applicationId) {
        return outbox.findByApplication(applicationId).stream().filter(message -> message.template().toApplicant())
                .toList();
    }

    /** Sends one message unless another delivery sent it meanwhile (the row lock makes the second one wait). */
    private boolean deliver(String messageId) {
        try {
            return Boolean.TRUE.equals(newTransaction.execute(status -> outbox.lockPending(messageId)
                    .map(pending -> {
                        mailer.send(pending.message(), pending.privateLink());
                        outbox.markSent(messageId, ProgrammeTime.now());
                        return true;
                    })
                    .orElse(false)));
        } catch (RuntimeException e) {
            log.warn("Sending outbox message {} failed: {}", messageId, e.toString());
            try {
                newTransaction.executeWithoutResult(status -> outbox.recordFailure(messageId, e.toString()));
            } catch (RuntimeException recordFailed) {
                e.addSuppressed(recordFailed);
            }
            throw e;
        }
    }
}
