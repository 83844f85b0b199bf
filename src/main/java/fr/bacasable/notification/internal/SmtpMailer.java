package fr.bacasable.notification.internal;

import fr.bacasable.notification.OutboxMessage;
import fr.bacasable.notification.internal.MailTemplates.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends outbox messages through the SMTP server of {@code spring.mail.*}. Spring Boot creates the
 * {@link JavaMailSender} only when {@code spring.mail.host} is set; without it nothing is sent.
 */
@Component
public class SmtpMailer {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final InternetAddress from;
    private final String messageIdDomain;

    SmtpMailer(ObjectProvider<JavaMailSender> mailSender, @Value("${bas.mail.from:bac-a-sable@localhost}") String from) {
        this.mailSender = mailSender;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("bas.mail.from is not a valid e-mail address: " + from, e);
        }
        String address = this.from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
    }

    /** The recipient as one valid address, stripped. */
    public static String checkedAddress(String recipient) {
        try {
            InternetAddress address = new InternetAddress(recipient == null ? "" : recipient.strip(), true);
            if (address.getAddress().indexOf('@') < 1) {
                throw new AddressException("No domain", recipient);
            }
            return address.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("Not one valid e-mail address: " + recipient, e);
        }
    }

    public boolean isConfigured() {
        return mailSender.getIfAvailable() != null;
    }

    /**
     * Sends the message now. Its {@code Message-ID} is derived from the outbox id, so a message sent
     * again after a crash between sending and commit can be recognised as the same one.
     */
    public void send(OutboxMessage message, String privateLink) {
        JavaMailSender sender = mailSender.getObject();
        MimeMessage mime = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.recipient());
            helper.setSubject(message.subject());
            helper.setText(RenderedMail.sendable(message.body(), privateLink), false);
            mime.setHeader("Message-ID", messageId(message.id()));
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        sender.send(mime);
    }

    String messageId(String outboxId) {
        return "<" + outboxId + "@" + messageIdDomain + ">";
    }
}
