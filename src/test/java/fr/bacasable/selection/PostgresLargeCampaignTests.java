package fr.bacasable.selection;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.bacasable.PostgresSuite;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.selection.SelectionDriver.Submitted;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A campaign bigger than the engine's 4000-character text column can describe, on PostgreSQL: 200
 * applications (system property {@code bas.large-campaign.applications}) whose project titles are 200
 * characters, 160 of them shortlisted, through completeness, both reviews, closing, the committee, the
 * president and the letters, driven through the services people use. Before the selection left the
 * process variables, the closing job failed on such a campaign ({@code value too long for type character
 * varying(4000)}) and rolled the closing back. Every application gets exactly one outcome and one letter.
 */
@ExtendWith(PostgresSuite.class)
@SpringBootTest(properties = "bas.security.demo-enabled=true")
@ActiveProfiles({"test", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresLargeCampaignTests {

    static final int APPLICATIONS = Integer.getInteger("bas.large-campaign.applications", 200);
    static final int SMTP_PORT = SelectionCampaignIntegrationTests.freePort();
    static final String DECISION_SUBJECT = "Bac à sable – décision sur votre candidature ";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresLargeCampaignTests.class);

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void postgresAndMail(DynamicPropertyRegistry registry) {
        PostgresSuite.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("bas.mail.from", () -> "Bac à sable données personnelles <bac-a-sable@cnil.test>");
    }

    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
    @Autowired
    ApplicationDirectory applications;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NotificationService notifications;

    @Test
    void twoHundredApplicationsWithLongTitlesReachTheCommitteeThenOneOutcomeAndOneLetterEach() {
        SelectionDriver driver = new SelectionDriver(campaigns, intake, runtimeService, taskService, managementService,
                identityService, jdbc, notifications);
        long started = System.nanoTime();
        String campaignId = driver.publish(4, 4, 3);
        List<Submitted> submitted = new ArrayList<>();
        for (int index = 0; index < APPLICATIONS; index++) {
            Submitted application = driver.submit(campaignId, title(index));
            double[] scores = scores(index);
            driver.review(application, scores, scores);
            submitted.add(application);
        }
        LOG.info("{} applications submitted and reviewed in {} s", APPLICATIONS, seconds(started));

        driver.close(campaignId);

        assertThat(campaigns.find(campaignId).orElseThrow().status()).as("closed, then ranked")
                .isEqualTo(CampaignStatus.SELECTION);
        String selectionProcess = driver.selectionProcess(campaignId);
        String summary = (String) runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.SELECTION_SUMMARY);
        int shortlisted = (int) IntStream.range(0, APPLICATIONS).filter(index -> !rejected(index)).count();
        assertThat(summary).hasSizeLessThan(1000).contains(shortlisted + " candidature(s) classée(s)",
                (APPLICATIONS - shortlisted) + " candidature(s) non retenue(s)");

        driver.complete("committee", List.of("selection-committee"),
                driver.taskOf(selectionProcess, "Task_ProposeSelection"), Map.of());
        driver.complete("president", List.of("president"), driver.taskOf(selectionProcess, "Task_DecideSelection"),
                Map.of("selectionDecision", "CONFIRM"));
        List<String> processes = new ArrayList<>(submitted.stream().map(Submitted::processInstanceId).toList());
        processes.add(selectionProcess);
        long announcing = System.nanoTime();
        driver.executeJobs(processes);
        LOG.info("{} applications told their outcome and sent their letter in {} s ({} s in all)", APPLICATIONS,
                seconds(announcing), seconds(started));

        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(selectionProcess).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceIds(Set.copyOf(processes)).withException().count())
                .as("no job failed").isZero();
        assertThat(campaigns.find(campaignId).orElseThrow().status()).isEqualTo(CampaignStatus.RESULTS_ANNOUNCED);
        Map<String, ApplicationStatus> statuses = submitted.stream().collect(Collectors.toMap(Submitted::applicationId,
                application -> applications.get(application.applicationId()).status()));
        assertThat(statuses.values()).filteredOn(status -> status == ApplicationStatus.LAUREATE).hasSize(4);
        assertThat(statuses.values()).filteredOn(status -> status == ApplicationStatus.ADVISED).hasSize(4);
        assertThat(statuses.values()).filteredOn(status -> status == ApplicationStatus.RESERVE).hasSize(3);
        assertThat(statuses.values()).filteredOn(status -> status == ApplicationStatus.REJECTED)
                .hasSize(APPLICATIONS - shortlisted);
        assertThat(statuses.values()).filteredOn(status -> status == ApplicationStatus.NOT_SELECTED)
                .hasSize(shortlisted - 11);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM selection_line WHERE campaign_id = :campaignId "
                        + "AND announced_at IS NOT NULL AND decided_outcome IS NOT NULL")
                .param("campaignId", campaignId).query(Integer.class).single()).isEqualTo(APPLICATIONS);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM selection_event WHERE campaign_id = :campaignId "
                        + "AND event_type = 'ANNOUNCED'")
                .param("campaignId", campaignId).query(Integer.class).single()).isEqualTo(APPLICATIONS);

        Map<String, Integer> letters = decisionLettersInOutbox(campaignId);
        assertThat(letters).as("one decision letter in the outbox per application").hasSize(APPLICATIONS)
                .allSatisfy((applicationId, count) -> assertThat(count).as(applicationId).isOne());
        Map<String, Long> mails = Arrays.stream(smtp.getReceivedMessages()).map(PostgresLargeCampaignTests::subject)
                .filter(subject -> subject.startsWith(DECISION_SUBJECT))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(mails).as("never two decision e-mails for one application").allSatisfy((subject, count) ->
                assertThat(count).as(subject).isOne());
        assertThat(mails).as("one e-mail for each letter the outbox sent").hasSize(jdbc.sql(
                        "SELECT COUNT(*) FROM outbox_message o JOIN application a ON a.id = o.application_id "
                                + "WHERE a.campaign_id = :campaignId AND o.template = 'SELECTION_DECISION' "
                                + "AND o.status = 'SENT'")
                .param("campaignId", campaignId).query(Integer.class).single());
    }

    /** A 200-character title, unique by its number: it goes into the selection's table and each letter. */
    static String title(int index) {
        String start = String.format("Projet %04d : ", index);
        return start + "assistant d'instruction des demandes de prestations sociales ".repeat(4)
                .substring(0, 200 - start.length());
    }

    /** One application in five falls below the relevance threshold; the others spread over the ranking. */
    static double[] scores(int index) {
        if (rejected(index)) {
            return new double[] {2, 3, 3, 3};
        }
        return new double[] {3 + (index % 4) * 0.5, 3 + (index % 3) * 0.5, 4, 3 + (index % 7 % 3) * 0.5};
    }

    static boolean rejected(int index) {
        return index % 5 == 4;
    }

    private Map<String, Integer> decisionLettersInOutbox(String campaignId) {
        return jdbc.sql("SELECT a.id, (SELECT COUNT(*) FROM outbox_message o WHERE o.application_id = a.id "
                        + "AND o.template = 'SELECTION_DECISION') AS letters FROM application a "
                        + "WHERE a.campaign_id = :campaignId")
                .param("campaignId", campaignId)
                .query((rs, row) -> Map.entry(rs.getString("id"), rs.getInt("letters")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }
}
