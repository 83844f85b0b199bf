package fr.bacasable.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.bacasable.StaffLogin;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local mode, without an SMTP server: messages stay in the outbox, listed on the staff page for
 * programme managers and administrators only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class OutboxWithoutSmtpTests {

    static final String PASSWORD = "it-Secret-42";

    @Autowired
    NotificationService notifications;
    @Autowired
    PlatformTransactionManager transactionManager;
    @LocalServerPort
    int port;

    @Test
    void withoutSmtpMessagesStayPendingAndThatIsLoggedOncePerCall(CapturedOutput output) {
        String applicationId = UUID.randomUUID().toString();
        notifications.enqueue(applicationId, NotificationTemplate.RECEIPT, "contact@mairie-exemple.test", model());
        notifications.enqueue(applicationId, NotificationTemplate.WITHDRAWN, "contact@mairie-exemple.test", model());

        assertThat(notifications.deliverPending(applicationId)).isZero();

        assertThat(notifications.messagesOf(applicationId)).hasSize(2).allSatisfy(message -> {
            assertThat(message.status()).isEqualTo(OutboxStatus.PENDING);
            assertThat(message.attempts()).isZero();
            assertThat(message.sentAt()).isNull();
        });
        assertThat(output.getAll().split("\n")).filteredOn(line -> line.contains(applicationId))
                .singleElement().asString().contains("INFO", "2 message(s)", "left pending");
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
            assertThat(page.body()).as(userId).contains(applicationId, "contact@mairie-exemple.test",
                    "Bac à sable – candidature BAS-2026-0007 non éligible", "Candidature non éligible",
                    "En attente d&#39;envoi", "Aucun serveur d'envoi (SMTP) n'est configuré",
                    "Le projet est déjà en production.", "[lien de suivi personnel, envoyé uniquement par courriel]")
                    .doesNotContain("Zx8-secret");
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
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String token = StaffLogin.tokenIn(client.send(get("/staff/login"), HttpResponse.BodyHandlers.ofString()).body());
        String form = "username=" + userId + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&next=" + URLEncoder.encode("/staff/outbox", StandardCharsets.UTF_8) + "&" + StaffLogin.TOKEN_FIELD
                + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("login of %s", userId).isEqualTo(302);
        return client;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
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
