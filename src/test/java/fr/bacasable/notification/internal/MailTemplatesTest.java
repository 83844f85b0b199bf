package fr.bacasable.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.bacasable.notification.NotificationTemplate;
import fr.bacasable.notification.internal.MailTemplates.RenderedMail;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every template renders a one-line subject and a signed French body; a missing model key is refused. */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates("");

    @ParameterizedTest
    @EnumSource(NotificationTemplate.class)
    void everyTemplateHasASubjectAndASignedBody(NotificationTemplate template) {
        RenderedMail mail = templates.render(template, fullModel());

        assertThat(mail.subject()).startsWith("Bac à sable – ").contains("candidature BAS-2026-0007")
                .doesNotContain("\n", "[(");
        assertThat(mail.body()).startsWith("Bonjour Camille Martin,")
                .contains("« Tri des courriers par IA »", "BAS-2026-0007")
                .endsWith("L'équipe du bac à sable données personnelles\n")
                .doesNotContain("[(", "/*[-", "null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LAUREATE|Décision : votre projet est lauréat.",
            "ADVISED|Décision : votre projet est retenu pour recevoir des conseils.",
            "RESERVE|Décision : votre projet est inscrit sur la liste complémentaire.",
            "NOT_SELECTED|Décision : votre projet n'est pas sélectionné.",
            "REJECTED|Décision : votre projet n'est pas retenu à l'issue de l'instruction."})
    void theDecisionLetterSaysItsOutcomeOnlyWithTheScoresAndHowToContest(String outcome, String sentence) {
        Map<String, Object> model = fullModel();
        model.put("outcome", outcome);

        String body = templates.render(NotificationTemplate.SELECTION_DECISION, model).body();

        assertThat(body).contains(sentence, "- Pertinence de l'usage de l'IA pour le service public : 2,5/5",
                "  Appréciation : Usage peu justifié.", "  Appréciation : Cas d'usage flou.", "total 11 sur 20",
                "recours gracieux", "Conseil d'État");
        assertThat(body.split("Décision : ", -1)).as("one decision only").hasSize(2);
        assertThat(body.contains("Motif : ")).isEqualTo("REJECTED".equals(outcome));
        assertThat(body).doesNotContain("arrêtées d'un commun accord");
    }

    @Test
    void theDecisionLetterSendsAppealsToTheContestAddressOrByPostNeverToAReply() {
        String byPost = templates.render(NotificationTemplate.SELECTION_DECISION, fullModel()).body();
        String byMail = new MailTemplates(" recours-bac-a-sable@example.fr ")
                .render(NotificationTemplate.SELECTION_DECISION, fullModel()).body();

        assertThat(byPost).contains("par courrier postal (CNIL, 3 place de Fontenoy",
                        "une réponse à ce message ne serait pas lue")
                .doesNotContain("par courriel à", "en répondant");
        assertThat(byMail).contains("par courriel à recours-bac-a-sable@example.fr ou par courrier postal")
                .doesNotContain("en répondant");
    }

    @Test
    void theStoredReceiptHoldsAPlaceholderForThePrivateLink() {
        RenderedMail receipt = templates.render(NotificationTemplate.RECEIPT, fullModel());

        assertThat(receipt.body()).contains(MailTemplates.PRIVATE_LINK).doesNotContain("suivi/abc");
        assertThat(receipt.privateLink()).isEqualTo("https://bac-a-sable.example.fr/suivi/abc");
        assertThat(RenderedMail.sendable(receipt.body(), receipt.privateLink()))
                .contains("\n\nhttps://bac-a-sable.example.fr/suivi/abc\n\n")
                .doesNotContain(MailTemplates.PRIVATE_LINK);
        assertThat(templates.render(NotificationTemplate.WITHDRAWN, fullModel()).privateLink()).isNull();
    }

    @Test
    void datesAreWrittenInFrench() {
        assertThat(MailTemplates.frenchDate(LocalDate.of(2026, 12, 8))).isEqualTo("8 décembre 2026");
        assertThat(MailTemplates.frenchDate(LocalDate.of(2027, 1, 1))).isEqualTo("1er janvier 2027");
        assertThat(MailTemplates.frenchDate(LocalDate.of(2027, 8, 15))).isEqualTo("15 août 2027");
    }

    @Test
    void aValueCannotBreakTheSubjectLineButTheManagersMessageKeepsItsLines() {
        Map<String, Object> model = fullModel();
        model.put("reference", "BAS-2026-0007\nBcc: someone@example.org");
        model.put("message", "1. Le budget du projet.\n2. L'analyse d'impact.");

        RenderedMail mail = templates.render(NotificationTemplate.INFORMATION_REQUEST, model);

        assertThat(mail.subject()).isEqualTo("Bac à sable – candidature BAS-2026-0007 Bcc: someone@example.org : "
                + "informations complémentaires demandées");
        assertThat(mail.body()).contains("1. Le budget du projet.\n2. L'analyse d'impact.");
    }

    @Test
    void aMissingModelKeyIsRefused() {
        Map<String, Object> model = fullModel();
        model.remove("trackingUrl");
        assertThatThrownBy(() -> templates.render(NotificationTemplate.RECEIPT, model))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trackingUrl");

        Map<String, Object> textDate = fullModel();
        textDate.put("dueDate", "2026-12-08");
        assertThatThrownBy(() -> templates.render(NotificationTemplate.ANSWER_REMINDER, textDate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LocalDate");
    }

    static Map<String, Object> fullModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("reference", "BAS-2026-0007");
        model.put("projectTitle", "Tri des courriers par IA");
        model.put("contactName", "Camille Martin");
        model.put("campaignTitle", "IA au bénéfice des services publics");
        model.put("trackingUrl", "https://bac-a-sable.example.fr/suivi/abc");
        model.put("message", "Merci de joindre l'analyse d'impact.");
        model.put("dueDate", LocalDate.of(2026, 12, 8));
        model.put("reason", "Le projet est encore au stade de l'idée.");
        model.put("reviewKind", "juridique");
        model.put("reviewer", "Léa Dubois (legal)");
        model.put("details", "non précisée");
        model.put("outcome", "REJECTED");
        model.put("scores", List.of(Map.of("label", "Pertinence de l'usage de l'IA pour le service public",
                "score", "2,5", "justifications", List.of("Usage peu justifié.", "Cas d'usage flou."))));
        model.put("total", "11");
        model.put("rejectionReason", "La note de pertinence est inférieure au seuil de 3 sur 5.");
        model.put("status", "En cours d'instruction");
        return model;
    }
}
