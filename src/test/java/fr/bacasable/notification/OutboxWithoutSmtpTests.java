package fr.bacasable.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.bacasable.StaffLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local mode, without an SMTP server: messages stay in the outbox, listed on the staff page for
 * programme managers and administrators only; mails to an applicant after the receipt wait for the
 * address to be confirmed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxWithoutSmtpTests {

    @Autowired
    NotificationService notifications;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void withoutSmtpMessagesStayPendingAndNothingIsSent() {
        String applicationId = UUID.randomUUID().toString();
        notifications.confirmRecipient(applicationId);
        notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact@mairie-exemple.test", model());
        notifications.enqueue(applicationId, NotificationTemplate.WITHDRAWN, "contact@mairie-exemple.test", model());

        assertThat(notifications.dispatchDue()).isZero();

        assertThat(notifications.messagesOf(applicationId)).hasSize(2).allSatisfy(message -> {
            assertThat(message.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(message.attempts()).isZero();
            assertThat(message.sentAt()).isNull();
        });
    }

    @Test
    void afterTheReceiptMailsToAnApplicantAreHeldUntilTheAddressIsConfirmedStaffMailsAreNot() {
        String applicationId = UUID.randomUUID().toString();
        notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact@mairie-exemple.test", model());
        notifications.enqueue(applicationId, NotificationTemplate.INELIGIBLE, "contact@mairie-exemple.test", model());
        notifications.enqueue(applicationId, NotificationTemplate.REVIEWS_OVERDUE, "manager@cnil.test", staffModel());

        assertThat(statuses(applicationId)).containsExactly(OutboxStatus.PENDING, OutboxStatus.AWAITING_CONFIRMATION,
                OutboxStatus.PENDING);

        notifications.confirmRecipient(applicationId);
        notifications.confirmRecipient(applicationId);
        notifications.enqueue(applicationId, NotificationTemplate.WITHDRAWN, "contact@mairie-exemple.test", model());

        assertThat(statuses(applicationId)).containsOnly(OutboxStatus.PENDING).hasSize(4);
    }

    @Test
    void aMessageIsStoredInTheCallersTransaction() {
        String applicationId = UUID.randomUUID().toString();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);

        transaction.executeWithoutResult(status -> {
            notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact@mairie-exemple.test", model());
            status.setRollbackOnly();
        });
        assertThat(notifications.messagesOf(applicationId)).isEmpty();

        transaction.executeWithoutResult(status -> notifications.enqueue(applicationId, NotificationTemplate.RECEIPT,
                "contact@mairie-exemple.test", model()));
        assertThat(notifications.messagesOf(applicationId)).hasSize(1);
    }

    @Test
    void aMessageThatCouldNeverBeSentIsRefusedAtOnce() {
        String applicationId = UUID.randomUUID().toString();
        assertThatThrownBy(() -> notifications.enqueue(applicationId, NotificationTemplate.RECEIPT,
                "contact@mairie-exemple.test, autre@example.test", model()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact", model()))
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> noLink = new HashMap<>(model());
        noLink.remove("trackingUrl");
        assertThatThrownBy(() -> notifications.enqueue(applicationId, NotificationTemplate.RECEIPT,
                "contact@mairie-exemple.test", noLink))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trackingUrl");
        assertThat(notifications.messagesOf(applicationId)).isEmpty();
    }

    @Test
    void programmeManagersAndAdministratorsSeeTheOutboxOtherStaffDoNot() throws Exception {
        String applicationId = UUID.randomUUID().toString();
        notifications.enqueue(applicationId, NotificationTemplate.INELIGIBLE, "contact@mairie-exemple.test", model());
        notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact@mairie-exemple.test", model());

        for (String userId : List.of("manager", "admin")) {
            HttpResponse<String> page = loggedIn(userId).send(get("/staff/outbox"), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(userId).isEqualTo(200);
            assertThat(page.body()).as(userId).contains("<a href=\"/cases/BAS-2026-0007\">BAS-2026-0007</a>",
                    "contact@mairie-exemple.test",
                    "Bac à sable – candidature BAS-2026-0007 non éligible", "Candidature non éligible",
                    "En attente d&#39;envoi", "Aucun serveur d'envoi (SMTP) n'est configuré",
                    "Le projet est déjà en production.", "[lien de suivi personnel, envoyé uniquement par courriel]")
                    .doesNotContain("Zx8-secret", applicationId);
        }

        HttpResponse<String> refused = loggedIn("legal").send(get("/staff/outbox"), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(applicationId);

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(get("/staff/outbox"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/staff/login"));
    }

    private HttpClient loggedIn(String userId) throws Exception {
        return StaffLogin.as(userId, port, "/staff/outbox");
    }

    private List<OutboxStatus> statuses(String applicationId) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE application_id = :id ORDER BY seq")
                .param("id", applicationId).query((rs, row) -> OutboxStatus.valueOf(rs.getString(1))).list();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Map<String, Object> staffModel() {
        Map<String, Object> model = new HashMap<>(model());
        model.put("status", "En cours d'instruction");
        return model;
    }

    private static Map<String, Object> model() {
        return Map.of(
                "reference", "BAS-2026-0007",
                "projectTitle", "Tri des courriers par IA",
                "contactName", "Camille Martin",
                "campaignTitle", "IA au bénéfice des services publics",
                "trackingUrl", "https://bac-a-sable.example.fr/suivi/Zx8-secret",
                "reason", "Le projet est déjà en production.",
                "dueDate", LocalDate.of(2026, 12, 8));
    }
}
