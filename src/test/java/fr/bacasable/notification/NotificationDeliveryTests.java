package fr.bacasable.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.bacasable.StaffLogin;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delivery by the outbox dispatcher through a real SMTP server (GreenMail, in process, on a free port
 * kept across its stop and restart): content of every template, no second sending, an outage that
 * loses nothing and keeps the order, a message given up then sent again once at a manager's request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationDeliveryTests {

    static final int SMTP_PORT = freePort();
    static final String FROM = "bac-a-sable@cnil.test";
    static final int MAX_ATTEMPTS = 3;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 5000);
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> 5000);
        registry.add("bas.mail.from", () -> "Bac à sable données personnelles <" + FROM + ">");
        registry.add("bas.mail.dispatch.max-attempts", () -> MAX_ATTEMPTS);
    }

    @Autowired
    NotificationService notifications;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void serverBackUpAndClockReset() {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        ClockUtil.reset();
    }

    @Test
    void everyTemplateReachesItsRecipientInFrenchAndOnlyOnce() throws Exception {
        String applicationId = UUID.randomUUID().toString();
        notifications.confirmRecipient(applicationId);
        Map<NotificationTemplate, String> ids = new HashMap<>();
        for (NotificationTemplate template : NotificationTemplate.values()) {
            String recipient = template.name().toLowerCase().replace('_', '-') + "@mairie-exemple.test";
            ids.put(template, notifications.enqueue(applicationId, template, recipient, model()));
        }

        assertThat(notifications.dispatchDue()).isEqualTo(NotificationTemplate.values().length);

        MimeMessage receipt = receivedBy("receipt@mairie-exemple.test");
        assertThat(receipt.getSubject()).isEqualTo("Bac à sable – candidature BAS-2026-0007 reçue");
        assertThat(((InternetAddress) receipt.getFrom()[0]).getAddress()).isEqualTo(FROM);
        assertThat(((InternetAddress) receipt.getFrom()[0]).getPersonal()).isEqualTo("Bac à sable données personnelles");
        assertThat(receipt.getMessageID()).isEqualTo("<" + ids.get(NotificationTemplate.RECEIPT) + "@cnil.test>");
        assertThat(receipt.getContentType()).contains("text/plain", "UTF-8");
        assertThat(body(receipt)).contains("Bonjour Camille Martin,", "« Tri des courriers par IA »",
                "référence BAS-2026-0007", "https://bac-a-sable.example.fr/suivi/Zx8-secret",
                "Ce lien est personnel", "L'équipe du bac à sable données personnelles");

        MimeMessage request = receivedBy("information-request@mairie-exemple.test");
        assertThat(request.getSubject())
                .isEqualTo("Bac à sable – candidature BAS-2026-0007 : informations complémentaires demandées");
        assertThat(body(request)).contains("Merci de joindre l'analyse d'impact (AIPD).\nEt le budget.",
                "le 8 décembre 2026", "lien de suivi personnel", "accusé de réception",
                "close pour dossier incomplet").doesNotContain("2026-12-08");

        MimeMessage reminder = receivedBy("answer-reminder@mairie-exemple.test");
        assertThat(reminder.getSubject()).isEqualTo(
                "Bac à sable – candidature BAS-2026-0007 : rappel, réponse attendue au plus tard le 8 décembre 2026");
        assertThat(body(reminder)).contains("jusqu'au 8 décembre 2026 inclus", "close pour dossier incomplet");

        MimeMessage ineligible = receivedBy("ineligible@mairie-exemple.test");
        assertThat(ineligible.getSubject()).isEqualTo("Bac à sable – candidature BAS-2026-0007 non éligible");
        assertThat(body(ineligible)).contains("Le projet est déjà en production.");

        MimeMessage closed = receivedBy("closed-incomplete@mairie-exemple.test");
        assertThat(closed.getSubject())
                .isEqualTo("Bac à sable – candidature BAS-2026-0007 close pour dossier incomplet");
        assertThat(body(closed)).contains("ne peut plus être complétée");

        MimeMessage withdrawn = receivedBy("withdrawn@mairie-exemple.test");
        assertThat(withdrawn.getSubject()).isEqualTo("Bac à sable – candidature BAS-2026-0007 retirée");
        assertThat(body(withdrawn)).contains("retrait de votre candidature", "ne peut pas être reprise");

        assertThat(notifications.dispatchDue()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(NotificationTemplate.values().length);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE application_id = :id AND private_link IS NULL")
                .param("id", applicationId).query(Integer.class).single())
                .as("the private link is erased once sent").isEqualTo(NotificationTemplate.values().length);
        List<OutboxMessage> messages = notifications.messagesOf(applicationId);
        assertThat(messages).as("messages to the applicant only").extracting(OutboxMessage::template)
                .containsExactly(Arrays.stream(NotificationTemplate.values()).filter(NotificationTemplate::toApplicant)
                        .toArray(NotificationTemplate[]::new));
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.body()).doesNotContain("Zx8-secret");
            assertThat(message.status()).isEqualTo(OutboxStatus.SENT);
            assertThat(message.attempts()).isEqualTo(1);
            assertThat(message.sentAt()).isNotNull();
            assertThat(message.lastError()).isNull();
        });
    }

    @Test
    void anSmtpOutageLeavesMessagesPendingAndTheyAreSentExactlyOnceInOrderOnTheRetryScheduleWhenItEnds()
            throws Exception {
        String applicationId = UUID.randomUUID().toString();
        notifications.confirmRecipient(applicationId);
        String first = notifications.enqueue(applicationId, NotificationTemplate.INFORMATION_REQUEST,
                "contact@mairie-exemple.test", model());
        String second = notifications.enqueue(applicationId, NotificationTemplate.ANSWER_REMINDER,
                "contact@mairie-exemple.test", model());

        smtp.stop();
        assertThat(notifications.dispatchDue()).isZero();

        List<OutboxMessage> waiting = notifications.messagesOf(applicationId);
        assertThat(waiting).extracting(OutboxMessage::id).containsExactly(first, second);
        assertThat(waiting).extracting(OutboxMessage::status).containsOnly(OutboxStatus.PENDING);
        assertThat(waiting.get(0).attempts()).isEqualTo(1);
        assertThat(waiting.get(0).lastError()).isNotBlank();
        assertThat(waiting.get(1).attempts()).as("one attempt per poll during an outage").isZero();

        smtp.start();
        assertThat(notifications.dispatchDue()).as("the first waits 10 s, the second waits behind it").isZero();
        ClockUtil.setCurrentTime(Date.from(clock.instant().plusSeconds(10)));
        assertThat(notifications.dispatchDue()).isEqualTo(2);
        assertThat(notifications.dispatchDue()).isZero();

        assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getMessageID)
                .containsExactly("<" + first + "@cnil.test>", "<" + second + "@cnil.test>");
        OutboxMessage sent = notifications.messagesOf(applicationId).get(0);
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.lastError()).as("kept for the staff page").isNotBlank();
    }

    @Test
    void concurrentDispatchersSendEachMessageOnce() throws Exception {
        String applicationId = UUID.randomUUID().toString();
        notifications.confirmRecipient(applicationId);
        for (int i = 0; i < 12; i++) {
            notifications.enqueue(applicationId, NotificationTemplate.WITHDRAWN, "contact@mairie-exemple.test", model());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        int sent = 0;
        try {
            List<Callable<Integer>> dispatchers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                dispatchers.add(notifications::dispatchDue);
            }
            for (Future<Integer> dispatcher : threads.invokeAll(dispatchers)) {
                sent += dispatcher.get();
            }
        } finally {
            threads.shutdown();
        }
        sent += notifications.dispatchDue();

        assertThat(sent).isEqualTo(12);
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(NotificationDeliveryTests::messageId).distinct())
                .hasSize(12);
        assertThat(smtp.getReceivedMessages()).hasSize(12);
    }

    @Test
    void aMessageThatKeepsFailingIsMarkedFailedAndAManagersRetrySendsItExactlyOnce() throws Exception {
        String applicationId = UUID.randomUUID().toString();
        notifications.confirmRecipient(applicationId);
        String id = notifications.enqueue(applicationId, NotificationTemplate.WITHDRAWN, "contact@mairie-exemple.test",
                model());
        smtp.stop();
        for (Duration delay : List.of(Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(1))) {
            ClockUtil.setCurrentTime(Date.from(clock.instant().plus(delay)));
            assertThat(notifications.dispatchDue()).isZero();
        }
        assertThat(notifications.messagesOf(applicationId).get(0)).satisfies(message -> {
            assertThat(message.status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(message.attempts()).isEqualTo(MAX_ATTEMPTS);
        });
        smtp.start();
        ClockUtil.setCurrentTime(Date.from(clock.instant().plus(Duration.ofDays(1))));
        assertThat(notifications.dispatchDue()).as("a FAILED message waits for a person").isZero();

        HttpClient manager = StaffLogin.as("manager", port, "/staff/outbox");
        HttpResponse<String> page = manager.send(HttpRequest.newBuilder(uri("/staff/outbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Échec de l&#39;envoi : à relancer", "/staff/outbox/" + id + "/retry",
                "Renvoyer");
        String token = StaffLogin.tokenIn(page.body());
        for (int click = 0; click < 2; click++) {
            HttpResponse<String> retry = manager.send(HttpRequest.newBuilder(uri("/staff/outbox/" + id + "/retry"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(StaffLogin.TOKEN_FIELD + "=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(retry.statusCode()).isEqualTo(302);
        }
        assertThat(notifications.dispatchDue()).isEqualTo(1);
        assertThat(notifications.dispatchDue()).isZero();

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(notifications.messagesOf(applicationId).get(0).status()).isEqualTo(OutboxStatus.SENT);
    }

    private MimeMessage receivedBy(String address) throws Exception {
        List<MimeMessage> received = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (((InternetAddress) message.getRecipients(RecipientType.TO)[0]).getAddress().equals(address)) {
                received.add(message);
            }
        }
        assertThat(received).as("messages to %s", address).hasSize(1);
        assertThat(received.get(0).getAllRecipients()).hasSize(1);
        return received.get(0);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String body(MimeMessage message) throws Exception {
        return ((String) message.getContent()).replace("\r\n", "\n");
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> model() {
        return Map.ofEntries(
                Map.entry("reference", "BAS-2026-0007"),
                Map.entry("projectTitle", "Tri des courriers par IA"),
                Map.entry("contactName", "Camille Martin"),
                Map.entry("campaignTitle", "IA au bénéfice des services publics"),
                Map.entry("trackingUrl", "https://bac-a-sable.example.fr/suivi/Zx8-secret"),
                Map.entry("message", "Merci de joindre l'analyse d'impact (AIPD).\nEt le budget."),
                Map.entry("dueDate", LocalDate.of(2026, 12, 8)),
                Map.entry("reason", "Le projet est déjà en production."),
                Map.entry("reviewKind", "juridique"),
                Map.entry("reviewer", "Léa Dubois (legal)"),
                Map.entry("details", "Ancien employeur du porteur de projet."),
                Map.entry("outcome", "LAUREATE"),
                Map.entry("scores", List.of(Map.of("label", "Impact et potentiel de généralisation", "score", "4,5",
                        "justifications", List.of("Généralisable à d'autres communes.")))),
                Map.entry("total", "17"),
                Map.entry("status", "En cours d'instruction"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
