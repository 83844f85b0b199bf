package fr.bacasable.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dispatcher polls the outbox on its own: a message enqueued by anyone reaches the SMTP server. */
@SpringBootTest(properties = {"bas.mail.dispatch.enabled=true", "bas.mail.dispatch.interval=PT0.2S"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxPollingTests {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    NotificationService notifications;

    @Test
    void anEnqueuedMessageIsSentWithinSecondsWithoutAnyProcessStep() {
        String applicationId = UUID.randomUUID().toString();
        String id = notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact@mairie-exemple.test",
                Map.of("reference", "BAS-2026-0007", "projectTitle", "Tri des courriers par IA",
                        "contactName", "Camille Martin", "campaignTitle", "IA au bénéfice des services publics",
                        "trackingUrl", "https://bac-a-sable.example.fr/suivi/Zx8-secret"));

        assertThat(smtp.waitForIncomingEmail(15_000, 1)).as("mail received within 15 s").isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(notifications.messagesOf(applicationId)).singleElement().satisfies(message -> {
            assertThat(message.id()).isEqualTo(id);
            assertThat(message.status()).isEqualTo(OutboxStatus.SENT);
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
