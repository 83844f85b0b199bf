package fr.bacasable.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.selection.SelectionDriver.Submitted;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** A campaign from closing to letters through the real processes, on H2. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SelectionIntegrationTests {

    static final double[] STRONG = {4.5, 4.5, 4, 4};
    static final double[] GOOD = {4, 4, 4, 4};
    static final double[] FAIR = {3.5, 3.5, 3.5, 3.5};
    static final double[] WEAK = {2, 3, 3, 3};

    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
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
    ApplicationDirectory applications;

    SelectionDriver driver;

    @BeforeEach
    void setUp() {
        driver = new SelectionDriver(campaigns, intake, runtimeService, taskService, managementService, identityService,
                jdbc);
    }

    @Test
    void closedCampaignGoesFromCommitteeToPresidentToLettersAndAReservePromotion() {
        String campaignId = driver.publish(1, 1, 1);
        Submitted first = driver.submit(campaignId, "Premier");
        Submitted second = driver.submit(campaignId, "Deuxième");
        Submitted third = driver.submit(campaignId, "Troisième");
        Submitted fourth = driver.submit(campaignId, "Quatrième");
        Submitted rejected = driver.submit(campaignId, "Rejeté");
        driver.review(first, STRONG, STRONG);
        driver.review(second, GOOD, GOOD);
        driver.review(third, FAIR, FAIR);
        driver.review(fourth, FAIR, new double[] {3.5, 3, 3.5, 3.5});
        driver.review(rejected, WEAK, WEAK);

        driver.close(campaignId);
        String campaignProcess = driver.campaignProcess(campaignId);
        var proposal = driver.taskOf(campaignProcess, "Task_ProposeSelection");
        String summary = (String) runtimeService.getVariable(campaignProcess, "selectionSummary");
        assertThat(summary).contains(first.reference(), second.reference(), third.reference(), fourth.reference())
                .doesNotContain(rejected.reference());

        driver.complete("committee", List.of("selection-committee"), proposal, Map.of("committeeRemark", "RAS"));
        var decision = driver.taskOf(campaignProcess, "Task_DecideSelection");
        assertThatThrownBy(() -> driver.complete("president", List.of("president"), decision,
                Map.of("selectionDecision", "SEND_BACK"))).hasMessageContaining("Indiquez au comité");
        driver.complete("president", List.of("president"), driver.taskOf(campaignProcess, "Task_DecideSelection"),
                Map.of("selectionDecision", "SEND_BACK", "presidentRemark", "Revoir le rang 3."));
        driver.complete("committee", List.of("selection-committee"),
                driver.taskOf(campaignProcess, "Task_ProposeSelection"), Map.of());
        driver.complete("president", List.of("president"), driver.taskOf(campaignProcess, "Task_DecideSelection"),
                Map.of("selectionDecision", "CONFIRM", "presidentRemark", "Conforme au classement."));
        driver.executeAllJobs();

        assertThat(applications.get(first.applicationId()).status()).isEqualTo(ApplicationStatus.LAUREATE);
        assertThat(applications.get(second.applicationId()).status()).isEqualTo(ApplicationStatus.ADVISED);
        assertThat(applications.get(third.applicationId()).status()).isEqualTo(ApplicationStatus.RESERVE);
        assertThat(applications.get(fourth.applicationId()).status()).isEqualTo(ApplicationStatus.NOT_SELECTED);
        assertThat(applications.get(rejected.applicationId()).status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(letters(rejected)).singleElement().satisfies(body -> assertThat(body)
                .contains("n'est pas retenu à l'issue de l'instruction", "Motif :", "Conseil d'État"));
        assertThat(letters(first)).singleElement().satisfies(body -> assertThat(body)
                .contains("votre projet est lauréat", "4,5/5", "Appréciation juridique sur relevance.",
                        "Appréciation technique sur relevance.", "recours gracieux"));

        intake.withdraw(first.reference(), first.token());
        driver.executeAllJobs();
        assertThat(applications.get(third.applicationId()).status()).isEqualTo(ApplicationStatus.LAUREATE);
        assertThat(runtimeService.getActiveActivityIds(third.processInstanceId()))
                .containsExactly("Task_AwaitAccompaniment");
    }

    List<String> letters(Submitted application) {
        return jdbc.sql("SELECT body FROM outbox_message WHERE application_id = :id AND template = 'SELECTION_DECISION'")
                .param("id", application.applicationId()).query(String.class).list();
    }
}
