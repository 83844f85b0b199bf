package fr.bacasable.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a port kept across {@link #stop()} and
 * {@link #start()} so the application behind it sees an outage, then the same server back. Mails
 * received before a stop are kept.
 */
final class SmtpServer implements AutoCloseable {

    /** A received mail: its Message-ID (one per outbox message), recipient and subject. */
    record Mail(String messageId, String recipient, String subject) {
    }

    private final int port;
    private final List<Mail> beforeStops = new ArrayList<>();
    private GreenMail server;

    SmtpServer() {
        this.port = ChildApp.freePort();
        start();
    }

    int port() {
        return port;
    }

    synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    synchronized void stop() {
        beforeStops.addAll(current());
        server.stop();
        server = null;
    }

    synchronized List<Mail> received() {
        List<Mail> all = new ArrayList<>(beforeStops);
        all.addAll(current());
        return all;
    }

    /** How many times each Message-ID was received. */
    Map<String, Long> countsByMessageId() {
        return received().stream().collect(Collectors.groupingBy(Mail::messageId, Collectors.counting()));
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
        }
    }

    private List<Mail> current() {
        if (server == null) {
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                mails.add(new Mail(message.getMessageID(), message.getAllRecipients()[0].toString(),
                        message.getSubject()));
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable mail", e);
            }
        }
        return mails;
    }
}
