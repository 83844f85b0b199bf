package fr.bacasable.notification;

import fr.bacasable.notification.internal.MailTemplates;
import fr.bacasable.notification.internal.MailTemplates.RenderedMail;
import fr.bacasable.notification.internal.OutboxDispatcher;
import fr.bacasable.notification.internal.OutboxRepository;
import fr.bacasable.notification.internal.SmtpMailer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification module's public API: e-mails through the outbox. Enqueuing is part of the
 * caller's transaction; the module's dispatcher delivers the outbox on its own, so no process step
 * waits for mail.
 */
@Service
public class NotificationService {

    private final OutboxRepository outbox;
    private final MailTemplates templates;
    private final OutboxDispatcher dispatcher;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    NotificationService(OutboxRepository outbox, MailTemplates templates, OutboxDispatcher dispatcher,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.outbox = outbox;
        this.templates = templates;
        this.dispatcher = dispatcher;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Renders the template (French) with the model and stores it in the caller's transaction, due at
     * once, except a mail to an applicant other than the receipt while the applicant has not yet
     * confirmed the address: that one is held ({@link OutboxStatus#AWAITING_CONFIRMATION}) until
     * {@link #confirmRecipient}. The stored body shows a placeholder instead of the private tracking link
     * ({@code trackingUrl}): the link is put in when sending, then erased.
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
        boolean held = template.toApplicant() && template != NotificationTemplate.RECEIPT
                && !outbox.isConfirmed(applicationId);
        String id = UUID.randomUUID().toString();
        outbox.insert(id, applicationId, String.valueOf(model.get("reference")).strip(), template, address, mail,
                held ? OutboxStatus.AWAITING_CONFIRMATION : OutboxStatus.PENDING, clock.instant());
        return id;
    }

    /**
     * The applicant proved the contact address (opened the private tracking link): the mails held for
     * it become due, and later ones are no longer held. Done in its own transaction; calling it again
     * changes nothing.
     */
    public void confirmRecipient(String applicationId) {
        if (outbox.isConfirmed(applicationId)) {
            return;
        }
        try {
            newTransaction.executeWithoutResult(status -> {
                outbox.insertConfirmedRecipient(applicationId, clock.instant());
                outbox.release(applicationId, clock.instant());
            });
        } catch (DuplicateKeyException confirmedMeanwhile) {
            outbox.release(applicationId, clock.instant());
        }
    }

    /**
     * Sends the outbox messages due now, as the dispatcher's poll does every few seconds; for tests and
     * tools that cannot wait for the next poll.
     *
     * @return how many messages were sent
     */
    public int dispatchDue() {
        return dispatcher.dispatchDue();
    }

    /** Messages sent to the applicant, oldest first (tracking page, case page). */
    public List<OutboxMessage> messagesOf(String applicationId) {
        return outbox.findByApplication(applicationId).stream().filter(message -> message.template().toApplicant())
                .toList();
    }
}
