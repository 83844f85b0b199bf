package fr.bacasable;

import static org.assertj.core.api.Assertions.assertThat;

import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.selection.SelectionDriver;
import fr.bacasable.selection.SelectionDriver.Submitted;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The selection in a real browser, as the committee and the president do it: Tasklist's forms in
 * French, the selection page the committee's form links to, the president's form, the proposal sent
 * back and proposed again, the journal, and the letter on an applicant's tracking page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Tag(BrowserSuite.TAG)
@ExtendWith(BrowserSuite.class)
class SelectionFormsBrowserTests {

    static final String COMMITTEE_FILTER = "Comité de sélection";
    static final String PRESIDENT_FILTER = "Décisions de la présidence";

    @LocalServerPort
    int port;
    @Autowired
    NotificationService notifications;
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

    FrenchTasklist tasklist;

    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = BrowserSuite.evidenceOnFailure(
            () -> tasklist == null ? null : tasklist.browser);

    @AfterEach
    void closeBrowser() {
        if (tasklist != null) {
            tasklist.quit();
            tasklist = null;
        }
    }

    @Test
    void committeeMovesWithAReasonThenProposesAgainAfterTheSendBackAndTheApplicantReadsTheLetter() {
        SelectionDriver driver = new SelectionDriver(campaigns, intake, runtimeService, taskService,
                managementService, identityService, jdbc, notifications);
        String campaignId = driver.publish(1, 1, 1);
        Submitted first = driver.submit(campaignId, "Assistant IA pour l'état civil");
        Submitted second = driver.submit(campaignId, "Tri des courriers");
        Submitted third = driver.submit(campaignId, "Orientation des usagers");
        Submitted rejected = driver.submit(campaignId, "Projet trop tôt");
        driver.review(first, new double[] {4.5, 4.5, 4, 4}, new double[] {4.5, 4.5, 4, 4});
        driver.review(second, new double[] {4, 4, 4, 4}, new double[] {4, 4, 4, 4});
        driver.review(third, new double[] {3.5, 3.5, 3.5, 3.5}, new double[] {3.5, 3.5, 3.5, 3.5});
        driver.review(rejected, new double[] {2, 3, 3, 3}, new double[] {2, 3, 3, 3});
        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);

        tasklist = FrenchTasklist.logIn(port, "committee");
        String proposal = driver.taskOf(selectionProcess, "Task_ProposeSelection").getId();
        WebElement form = tasklist.openAndClaim(COMMITTEE_FILTER, proposal);
        assertThat(tasklist.card(proposal).getText()).as("the committee's card").contains("Campagne",
                runtimeService.createProcessInstanceQuery().processInstanceId(selectionProcess).singleResult()
                        .getBusinessKey());
        assertThat(form.getText()).contains("Proposer la sélection", "Résumé de la sélection",
                "Lauréat (accompagné) 1/1", "Conseillé 1/1", "Liste complémentaire 1/1",
                "3 candidature(s) classée(s)", "1 candidature(s) non retenue(s) à l'instruction")
                .doesNotContain(rejected.reference());

        WebElement link = form.findElement(By.xpath(".//a[normalize-space()='Ouvrir la page de la sélection']"));
        assertThat(link.getAttribute("target")).as("the page opens beside Tasklist").isEqualTo("_blank");
        tasklist.browser.get(link.getAttribute("href"));
        tasklist.waitFor("the selection page").until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("h1"), "Sélection"));
        assertThat(tasklist.browser.findElement(By.tagName("main")).getText())
                .as("the ranked table: each criterion's score, the total, the proposal")
                .contains(first.reference(), "Pertinence /5", "4,5", "17", "16", "14", "Lauréat (accompagné)");
        move(third, "LAUREATE", "");
        assertThat(tasklist.visibleTexts("[role=alert]"))
                .containsExactly("Indiquez le motif du changement : il est conservé avec la décision.");
        move(third, "LAUREATE", "Cas d'usage prioritaire pour la doctrine");
        assertThat(tasklist.visibleTexts("[role=alert]")).singleElement().asString()
                .contains("compte 2 candidatures pour 1 place(s)");
        move(first, "NOT_SELECTED", "Place libérée pour le projet classé troisième");
        assertThat(tasklist.visibleTexts("[role=status]")).containsExactly(
                "La candidature " + first.reference() + " a été déplacée.");
        move(third, "LAUREATE", "Cas d'usage prioritaire pour la doctrine");
        move(first, "RESERVE", "Déjà accompagné par la CNIL sur un projet voisin");
        assertThat(tasklist.visibleTexts("[role=status]")).containsExactly(
                "La candidature " + first.reference() + " a été déplacée.");

        assertThat(tasklist.browser.findElement(By.tagName("main")).getText()).contains(
                "Déjà accompagné par la CNIL sur un projet voisin", "Cas d'usage prioritaire pour la doctrine");

        form = tasklist.openAndClaim(COMMITTEE_FILTER, proposal);
        assertThat(form.getText()).contains("2 changement(s) par rapport à la proposition");
        tasklist.field("Field_CommitteeRemark").sendKeys("Deux changements, motivés ci-dessus.");
        assertThat(tasklist.complete(() -> done(proposal))).isEmpty();
        tasklist.quit();

        tasklist = FrenchTasklist.logIn(port, "president");
        String decision = driver.taskOf(selectionProcess, "Task_DecideSelection").getId();
        form = tasklist.openAndClaim(PRESIDENT_FILTER, decision);
        assertThat(form.getText()).contains("Observations du comité", "Deux changements, motivés ci-dessus.",
                "2 changement(s) par rapport à la proposition");
        assertThat(form.findElement(By.xpath(".//a[normalize-space()='Ouvrir la page de la sélection']"))
                .getAttribute("target")).isEqualTo("_blank");
        assertThat(tasklist.visibleTexts("[cam-tasklist-form] .fjs-form-field-radio label"))
                .contains("Arrêter la sélection proposée", "Renvoyer la proposition au comité");
        tasklist.choose("Renvoyer la proposition au comité");
        assertThat(tasklist.complete(() -> done(decision))).as("a send-back without a remark").singleElement()
                .asString().contains("Indiquez au comité ce qui doit être revu dans la sélection.");
        tasklist.field("Field_PresidentRemark").sendKeys("Justifiez davantage le retrait du premier classé.");
        assertThat(tasklist.complete(() -> done(decision))).as("the send-back with its remark").isEmpty();
        tasklist.quit();

        tasklist = FrenchTasklist.logIn(port, "committee");
        String again = driver.taskOf(selectionProcess, "Task_ProposeSelection").getId();
        form = tasklist.openAndClaim(COMMITTEE_FILTER, again);
        assertThat(form.getText()).contains("Sélection renvoyée par la présidence",
                "Justifiez davantage le retrait du premier classé.");
        assertThat(tasklist.complete(() -> done(again))).isEmpty();
        tasklist.quit();

        tasklist = FrenchTasklist.logIn(port, "president");
        String confirmation = driver.taskOf(selectionProcess, "Task_DecideSelection").getId();
        tasklist.openAndClaim(PRESIDENT_FILTER, confirmation);
        tasklist.choose("Arrêter la sélection proposée");
        tasklist.field("Field_PresidentRemark").sendKeys("Sélection arrêtée.");
        assertThat(tasklist.complete(() -> done(confirmation))).as("the confirmation").isEmpty();
        driver.executeAllJobs();
        tasklist.quit();

        tasklist = FrenchTasklist.logIn(port, "manager");
        tasklist.browser.get(tasklist.url("/staff/campaigns/" + campaignId + "/selection"));
        assertThat(tasklist.text()).contains("Résultats annoncés", "Candidature déplacée par le comité",
                "Déjà accompagné par la CNIL sur un projet voisin", "Sélection renvoyée au comité par la présidence",
                "Sélection arrêtée par la présidence", "Sélection arrêtée.");
        tasklist.browser.get(tasklist.url("/suivi/" + third.reference() + "/" + third.token()));
        assertThat(tasklist.text()).contains("Votre projet est lauréat", "Décision : votre projet est lauréat.",
                "recours gracieux");
    }

    private boolean done(String taskId) {
        return taskService.createTaskQuery().taskId(taskId).count() == 0;
    }

    /** On the selection page: the application's new outcome and the reason, then "Déplacer". */
    private void move(Submitted application, String outcome, String reason) {
        new Select(tasklist.browser.findElement(By.id("outcome-" + application.applicationId())))
                .selectByValue(outcome);
        WebElement reasonField = tasklist.browser.findElement(By.id("reason-" + application.applicationId()));
        reasonField.clear();
        reasonField.sendKeys(reason);
        WebElement button = reasonField.findElement(By.xpath("./ancestor::form//button"));
        button.click();
        tasklist.waitFor("the selection page again").until(ExpectedConditions.stalenessOf(button));
    }
}
