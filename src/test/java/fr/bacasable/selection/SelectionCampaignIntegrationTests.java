package fr.bacasable.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import fr.bacasable.StaffLogin;
import fr.bacasable.application.ApplicationDirectory;
import fr.bacasable.application.ApplicationStatus;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.Applications;
import fr.bacasable.application.internal.IntakeService;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.campaign.CampaignStatus;
import fr.bacasable.notification.NotificationService;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.selection.SelectionDriver.Submitted;
import fr.bacasable.shared.ProcessContract;
import fr.bacasable.shared.ProgrammeTime;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;

/**
 * A campaign's selection phase end to end on H2, with mails caught by GreenMail: 32 applications
 * reviewed (seven rejected below a threshold, ties broken by data-protection interest, then impact,
 * then submission), the committee moving applications on the staff page with a reason, the president
 * sending the proposal back then confirming it through the engine REST API (as Tasklist does), one
 * letter per applicant (also on the tracking page), a laureate's withdrawal promoting the first
 * reserve application, and the announcement re-run without a second letter. Smaller tests cover the
 * wait for the reviews, the review deadline's alert to the managers and the refusals of the page.
 * Reviews are completed through TaskService as the demo reviewers (authorizations on): their HTTP
 * side is tested in ReviewIntegrationTests. The job executor is off: jobs are run here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SelectionCampaignIntegrationTests {

    static final String PASSWORD = "it-Secret-42";
    static final int SMTP_PORT = freePort();

    static final String PROPOSE_TASK = "Task_ProposeSelection";
    static final String DECIDE_TASK = "Task_DecideSelection";
    static final String DECISION_SUBJECT = "Bac à sable – décision sur votre candidature ";
    static final String[] CRITERIA = {"Relevance", "DataProtectionInterest", "Quality", "Impact"};
    static final String[] CRITERION_LABELS = {"Pertinence de l'usage de l'IA pour le service public",
            "Intérêt pour la protection des données (questions nouvelles utiles à tous)",
            "Qualité technique et juridique du projet", "Impact et potentiel de généralisation"};
    static final String RELEVANCE_BELOW = "La note moyenne attribuée à la pertinence de l'usage de l'IA pour le "
            + "service public est inférieure au seuil de 3 sur 5.";
    /** What no letter may show: the reviewers' ids and names, their internal remarks. */
    static final List<Pattern> REVIEWER_TRACES = List.of(Pattern.compile("\\blegal\\b"), Pattern.compile("\\btech\\b"),
            Pattern.compile("Léa"), Pattern.compile("Dubois"), Pattern.compile("Hugo"), Pattern.compile("Bernard"),
            Pattern.compile("Remarque interne"));

    static final String MOVE_OUT_REASON = "Projet déjà conseillé par la DINUM : un second accompagnement ferait "
            + "double emploi.";
    static final String MOVE_IN_REASON = "Questions de minimisation utiles à tous les porteurs de projets.";
    static final String SENT_BACK_REMARK = "Précisez pourquoi S12 passe devant les projets de la liste complémentaire.";
    static final String CONFIRM_REMARK = "Sélection arrêtée : les deux changements du comité sont motivés.";

    /**
     * One application of the big campaign: its code (also its project title, contact and the tag of its
     * justifications), both reviews, and the rank it must get (null: the review rejects it).
     */
    record Candidate(String code, double[] legal, double[] technical, Integer rank) {
    }

    /** In submission order. Final scores are the means of both reviews (no divergence of 2 points). */
    static final List<Candidate> CANDIDATES = List.of(
            same("S05", 5, s(5, 4.5, 4.5, 4)),          // 18, interest 4.5: after S04 though sent first
            same("S04", 4, s(4.5, 5, 4, 4.5)),          // 18, interest 5
            same("S01", 1, s(5, 5, 5, 5)),              // 20
            new Candidate("R1", s(3, 4, 4, 4), s(2.5, 4, 4, 4), null), // relevance 2.75 < 3
            same("S02", 2, s(5, 5, 4.5, 5)),            // 19.5
            same("S09", 9, s(4.5, 4.5, 4, 3.5)),        // 16.5, interest 4.5, impact 3.5: after S08 though sent first
            same("S08", 8, s(4, 4.5, 3.5, 4.5)),        // 16.5, interest 4.5, impact 4.5
            same("S03", 3, s(5, 4.5, 4.5, 5)),          // 19
            same("R2", null, s(4, 2.5, 4, 4)),          // interest < 3
            same("S06", 6, s(4.5, 4.5, 4.5, 4)),        // 17.5
            same("S07", 7, s(4.5, 4, 4.5, 4)),          // 17
            new Candidate("S10", s(4, 4, 4, 4.5), s(4, 4.5, 4, 3.5), 10), // 4, 4.25, 4, 4 = 16.25
            same("S11", 11, s(4, 4, 4, 3.5)),           // 15.5, sent before S12
            same("R3", null, s(4, 4, 2.5, 4)),          // quality < 3
            same("S12", 12, s(4, 4, 4, 3.5)),           // 15.5, same scores as S11, sent after
            same("S13", 13, s(4, 3.5, 4, 3.5)),         // 15
            same("S14", 14, s(3.5, 4, 3.5, 3.5)),       // 14.5, interest 4
            same("S15", 15, s(4, 3.5, 3.5, 3.5)),       // 14.5, interest 3.5, impact 3.5, sent before S16
            same("R4", null, s(4, 4, 4, 2)),            // impact < 3
            same("S16", 16, s(3.5, 3.5, 4, 3.5)),       // 14.5, interest 3.5, impact 3.5
            same("S17", 17, s(3.5, 3.5, 3.5, 3.5)),     // 14, interest 3.5, impact 3.5, sent before S18
            same("S18", 18, s(3, 3.5, 4, 3.5)),         // 14, interest 3.5, impact 3.5
            same("S19", 19, s(3.5, 3, 3.5, 4)),         // 14, interest 3
            same("R5", null, s(3, 3, 3, 3)),            // total 12 < 13
            same("S20", 20, s(3.5, 3.5, 3, 3.5)),       // 13.5, interest 3.5
            same("S21", 21, s(3.5, 3, 3.5, 3.5)),       // 13.5, interest 3
            same("S23", 23, s(3, 3, 3.5, 3.5)),         // 13, interest 3, impact 3.5, sent before S24
            same("S25", 25, s(3.5, 3, 3.5, 3)),         // 13, interest 3, impact 3
            new Candidate("S24", s(3, 3, 3.5, 3.5), s(3.5, 3, 3, 3.5), 24), // 3.25, 3, 3.25, 3.5 = 13
            same("S22", 22, s(3, 3, 3, 4)),             // 13, interest 3, impact 4: first of the 13s, sent late
            new Candidate("R6", s(3, 3, 3.5, 3.5), s(3, 3, 3, 3), null), // 3, 3, 3.25, 3.25 = 12.5 < 13
            same("R7", null, s(2, 2, 2, 2)));           // everything below

    /** The outcome each application gets once the committee has moved S08 out of and S12 into the advised projects. */
    static final Map<String, ApplicationStatus> DECIDED = decided();

    static final Map<ApplicationStatus, String> DECISION_SENTENCES = Map.of(
            ApplicationStatus.LAUREATE, "Décision : votre projet est lauréat.",
            ApplicationStatus.ADVISED, "Décision : votre projet est retenu pour recevoir des conseils.",
            ApplicationStatus.RESERVE, "Décision : votre projet est inscrit sur la liste complémentaire.",
            ApplicationStatus.NOT_SELECTED, "Décision : votre projet n'est pas sélectionné.",
            ApplicationStatus.REJECTED, "Décision : votre projet n'est pas retenu à l'issue de l'instruction.");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"))
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void selectionMail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> 5000);
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> 5000);
        registry.add("bas.mail.from", () -> "Bac à sable données personnelles <bac-a-sable@cnil.test>");
    }

    @Autowired
    NotificationService notifications;
    @Autowired
    TestRestTemplate http;
    @Autowired
    CampaignService campaigns;
    @Autowired
    IntakeService intake;
    @Autowired
    ApplicationDirectory applications;
    @Autowired
    ProcessEngine processEngine;
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
    @Qualifier("announceOutcome")
    JavaDelegate announceOutcome;

    final ObjectMapper json = new ObjectMapper();
    SelectionDriver driver;

    @BeforeEach
    void setUp() throws Exception {
        driver = new SelectionDriver(campaigns, intake, runtimeService, taskService, managementService, identityService,
                jdbc, notifications);
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- the whole campaign

    @Test
    void thirtyTwoApplicationsGoThroughCommitteeAndPresidentToOneLetterEachThenAReserveTakesAFreedPlace()
            throws Exception {
        String campaignId = driver.publish(4, 4, 3);
        Map<String, Submitted> apps = new LinkedHashMap<>();
        for (Candidate candidate : CANDIDATES) {
            apps.put(candidate.code(), driver.submit(campaignId, submission(candidate.code())));
        }
        for (Candidate candidate : CANDIDATES) {
            Submitted application = apps.get(candidate.code());
            driver.markComplete(application);
            driver.score(application, candidate.legal(), candidate.technical(), candidate.code());
        }
        Map<String, String> codes = apps.entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getValue().applicationId(), Map.Entry::getKey));
        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);
        List<String> processes = new ArrayList<>(apps.values().stream().map(Submitted::processInstanceId).toList());
        processes.add(selectionProcess);

        // The ranked list and the capacities' proposal, rejected applications kept aside for their letters.
        assertThat(campaigns.find(campaignId).orElseThrow().status()).isEqualTo(CampaignStatus.SELECTION);
        List<Line> prepared = lines(campaignId);
        assertThat(prepared).filteredOn(line -> line.rank() != null)
                .extracting(line -> codes.get(line.applicationId()), Line::rank)
                .containsExactlyElementsOf(CANDIDATES.stream().filter(candidate -> candidate.rank() != null)
                        .sorted((a, b) -> a.rank() - b.rank())
                        .map(candidate -> tuple(candidate.code(), candidate.rank()))
                        .toList());
        assertThat(prepared).filteredOn(line -> line.rank() != null).allSatisfy(line -> {
            assertThat(line.proposed()).as("proposal at rank %s", line.rank()).isEqualTo(proposal(line.rank()));
            assertThat(line.outcome()).isEqualTo(line.proposed());
        });
        assertThat(prepared).filteredOn(line -> line.rank() == null)
                .extracting(line -> codes.get(line.applicationId()))
                .containsExactlyInAnyOrder("R1", "R2", "R3", "R4", "R5", "R6", "R7");
        assertThat(prepared).filteredOn(line -> line.rank() == null)
                .allSatisfy(line -> assertThat(line.proposed()).isEqualTo("REJECTED"));
        String summary = (String) runtimeService.getVariable(selectionProcess,
                CampaignSelectionVariables.SELECTION_SUMMARY);
        assertThat(summary).contains("Lauréat (accompagné) 4/4", "Conseillé 4/4", "Liste complémentaire 3/3",
                "7 candidature(s) non retenue(s)").doesNotContain(apps.get("R1").reference());

        // The committee on the selection page: a move beyond the places is refused and changes nothing.
        String committee = login("committee");
        ResponseEntity<String> page = get(selectionPage(campaignId), committee);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("Déplacer", apps.get("S12").reference());
        List<Line> before = lines(campaignId);
        ResponseEntity<String> overflow = move(committee, campaignId, apps.get("S12"), "ADVISED",
                "Le comité voudrait un cinquième projet conseillé.");
        assertThat(overflow.getStatusCode()).as(overflow.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(HtmlUtils.htmlUnescape(overflow.getBody())).contains("« Conseillé » compte 5 candidatures pour 4 "
                + "place(s) : déplacez d'abord une autre candidature hors de cette issue.");
        assertThat(lines(campaignId)).isEqualTo(before);
        assertThat(events(campaignId)).extracting(Event::type).doesNotContain("MOVED");
        assertThat(runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.SELECTION_SUMMARY))
                .isEqualTo(summary);

        // Two moves with their reasons: S08 out of the advised projects, S12 in.
        ResponseEntity<String> out = move(committee, campaignId, apps.get("S08"), "NOT_SELECTED", MOVE_OUT_REASON);
        assertThat(out.getStatusCode()).as(out.getBody()).isEqualTo(HttpStatus.FOUND);
        assertThat(out.getHeaders().getLocation().toString())
                .endsWith("/staff/campaigns/" + campaignId + "/selection?moved=" + apps.get("S08").reference());
        ResponseEntity<String> in = move(committee, campaignId, apps.get("S12"), "ADVISED", MOVE_IN_REASON);
        assertThat(in.getStatusCode()).as(in.getBody()).isEqualTo(HttpStatus.FOUND);
        assertThat(line(campaignId, apps.get("S08"))).satisfies(line -> {
            assertThat(line.proposed()).isEqualTo("ADVISED");
            assertThat(line.outcome()).isEqualTo("NOT_SELECTED");
            assertThat(line.changeReason()).isEqualTo(MOVE_OUT_REASON);
            assertThat(line.changedBy()).isEqualTo("committee");
        });
        assertThat(runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.SELECTION_SUMMARY).toString())
                .contains("Conseillé 4/4", "2 changement(s) par rapport à la proposition").doesNotContain(MOVE_IN_REASON);
        String selectionTable = HtmlUtils.htmlUnescape(get(selectionPage(campaignId), committee).getBody());
        assertThat(selectionTable).contains(MOVE_IN_REASON, MOVE_OUT_REASON, "<th scope=\"col\">Pertinence /5</th>",
                "<a href=\"/cases/" + apps.get("S10").reference() + "\">", "<a href=\"/cases/"
                        + apps.get("R1").reference() + "\"");
        String s10Row = selectionTable.substring(selectionTable.indexOf(apps.get("S10").reference() + "</a>"));
        assertThat(s10Row.substring(0, s10Row.indexOf("</tr>")).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " "))
                .as("each criterion's score, the total, the proposal and the selection")
                .contains(" 4 4,25 4 4 16,25 Liste complémentaire Liste complémentaire ");

        // The committee hands its proposal over in Tasklist; the president sends it back, with a remark only.
        String proposal = taskId(selectionProcess, PROPOSE_TASK);
        assertThat(taskIdsSeenBy("committee", selectionProcess)).containsExactly(proposal);
        assertThat(taskIdsSeenBy("president", selectionProcess)).isEmpty();
        assertCompleted("committee", proposal, Map.of("committeeRemark", "Deux changements motivés sur la page."));
        String decision = taskId(selectionProcess, DECIDE_TASK);
        assertThat(taskIdsSeenBy("president", selectionProcess)).containsExactly(decision);
        assertThat(taskIdsSeenBy("committee", selectionProcess)).isEmpty();
        assertThat(claim("president", decision).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> withoutRemark = submit("president", decision, Map.of("selectionDecision", "SEND_BACK"));
        assertThat(withoutRemark.getStatusCode()).as(withoutRemark.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutRemark.getBody()).contains("Indiquez au comité ce qui doit être revu dans la sélection.");
        assertThat(taskId(selectionProcess, DECIDE_TASK)).isEqualTo(decision);
        assertThat(events(campaignId)).extracting(Event::type).doesNotContain("SENT_BACK");
        ResponseEntity<String> sentBack = submit("president", decision,
                Map.of("selectionDecision", "SEND_BACK", "presidentRemark", SENT_BACK_REMARK));
        assertThat(sentBack.getStatusCode()).as(sentBack.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        // The committee sees why and proposes again; the president confirms.
        String again = taskId(selectionProcess, PROPOSE_TASK);
        assertThat(runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.SENT_BACK_REMARK))
                .isEqualTo(SENT_BACK_REMARK);
        assertCompleted("committee", again, Map.of("committeeRemark", "S12 pose des questions que S09 ne pose pas."));
        assertThat(runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.SENT_BACK_REMARK)).isNull();
        String confirmation = taskId(selectionProcess, DECIDE_TASK);
        assertCompleted("president", confirmation,
                Map.of("selectionDecision", "CONFIRM", "presidentRemark", CONFIRM_REMARK));
        assertThat(campaigns.find(campaignId).orElseThrow().status()).isEqualTo(CampaignStatus.RESULTS_ANNOUNCED);
        assertThat(lines(campaignId)).allSatisfy(line -> {
            assertThat(line.decided()).isEqualTo(line.outcome());
            assertThat(line.announced()).isFalse();
        });

        // The announcement's first page (all 32 here) runs, then the same page once more: nothing happens.
        Job firstPage = managementService.createJobQuery().processInstanceId(selectionProcess).singleResult();
        managementService.executeJob(firstPage.getId());
        List<String> told = events(campaignId).stream().filter(event -> "ANNOUNCED".equals(event.type()))
                .map(Event::applicationId).toList();
        assertThat(told).hasSize(CANDIDATES.size()).doesNotHaveDuplicates();
        DelegateExecution samePage = mock(DelegateExecution.class);
        when(samePage.getVariable(CampaignSelectionVariables.CAMPAIGN_ID)).thenReturn(campaignId);
        when(samePage.getProcessEngineServices()).thenReturn(processEngine);
        announceOutcome.execute(samePage);
        assertThat(events(campaignId)).filteredOn(event -> "ANNOUNCED".equals(event.type()))
                .extracting(Event::applicationId).containsExactlyElementsOf(told);

        driver.executeJobs(processes);

        // Every application told its outcome, once, and in the state its outcome leads to.
        for (Candidate candidate : CANDIDATES) {
            Submitted application = apps.get(candidate.code());
            assertThat(applications.get(application.applicationId()).status()).as(candidate.code())
                    .isEqualTo(DECIDED.get(candidate.code()));
            assertThat(waitingAt(application)).as("where %s waits", candidate.code())
                    .isEqualTo(switch (DECIDED.get(candidate.code())) {
                        case LAUREATE -> List.of("Task_AwaitAccompaniment");
                        case RESERVE -> List.of("Task_AwaitPromotion");
                        default -> List.of();
                    });
        }
        assertThat(lines(campaignId)).allSatisfy(line -> assertThat(line.announced()).isTrue());
        assertThat(events(campaignId)).filteredOn(event -> "ANNOUNCED".equals(event.type()))
                .extracting(Event::applicationId).hasSize(CANDIDATES.size()).doesNotHaveDuplicates();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(selectionProcess).count()).isZero();

        // One letter per applicant, by e-mail; three read in full.
        for (Candidate candidate : CANDIDATES) {
            Submitted application = apps.get(candidate.code());
            List<Mail> letters = mailsTo(email(candidate.code())).stream()
                    .filter(mail -> mail.subject().startsWith(DECISION_SUBJECT)).toList();
            assertThat(letters).as("letters to %s", candidate.code()).singleElement().satisfies(letter -> {
                assertThat(letter.subject()).isEqualTo(DECISION_SUBJECT + application.reference());
                assertThat(letter.body()).contains("Bonjour Responsable " + candidate.code() + ",",
                        DECISION_SENTENCES.get(DECIDED.get(candidate.code())), "recours gracieux", "Conseil d'État");
                assertNoReviewerTrace(letter.body());
            });
            assertThat(outboxCount(application.applicationId(), "SELECTION_DECISION")).isEqualTo(1);
        }
        String laureate = letter("S01");
        assertScores(laureate, "S01", new String[] {"5", "5", "5", "5"});
        assertThat(laureate).contains("total 20 sur 20", "accompagné par les équipes de la CNIL");
        String reserve = letter("S10");
        assertScores(reserve, "S10", new String[] {"4", "4,25", "4", "4"});
        assertThat(reserve).contains("total 16,25 sur 20", "Nous vous écrirons si votre projet devient lauréat");
        String rejected = letter("R1");
        assertScores(rejected, "R1", new String[] {"2,75", "4", "4", "4"});
        assertThat(rejected).contains("Motif : " + RELEVANCE_BELOW, "total 14,75 sur 20");
        assertThat(letter("S08")).doesNotContain(MOVE_OUT_REASON);

        // The same letters on the applicants' tracking pages.
        for (String code : List.of("S01", "S10", "R1", "S12")) {
            String tracking = trackingPage(apps.get(code));
            assertThat(tracking).contains(normalized(outboxBody(apps.get(code).applicationId(), "SELECTION_DECISION")));
            assertNoReviewerTrace(tracking);
        }

        // The selection page: decisions, who moved what and why, the president's decision and remarks.
        List<String> journal = journal(get(selectionPage(campaignId), login("manager")).getBody());
        assertThat(journal).anySatisfy(row -> assertThat(row).contains("Candidature déplacée par le comité",
                apps.get("S08").reference(), "Conseillé → Non sélectionné", "committee", MOVE_OUT_REASON));
        assertThat(journal).anySatisfy(row -> assertThat(row).contains("Candidature déplacée par le comité",
                apps.get("S12").reference(), "Non sélectionné → Conseillé", "committee", MOVE_IN_REASON));
        assertThat(journal).anySatisfy(row -> assertThat(row).contains("Sélection renvoyée au comité par la présidence",
                "president", SENT_BACK_REMARK));
        assertThat(journal).anySatisfy(row -> assertThat(row).contains("Sélection arrêtée par la présidence",
                "president", CONFIRM_REMARK));
        assertThat(journal).filteredOn(row -> row.contains("Sélection proposée par le comité")).hasSize(2)
                .allSatisfy(row -> assertThat(row).contains("committee"));
        assertThat(journal).filteredOn(row -> row.contains("Décision transmise à la candidature"))
                .hasSize(CANDIDATES.size());
        assertThat(events(campaignId)).filteredOn(event -> List.of("MOVED", "SENT_BACK", "CONFIRMED", "PROPOSED")
                        .contains(event.type()))
                .extracting(Event::type, Event::actor, Event::remark, event -> codes.get(event.applicationId()))
                .containsExactly(
                        tuple("MOVED", "committee", MOVE_OUT_REASON, "S08"),
                        tuple("MOVED", "committee", MOVE_IN_REASON, "S12"),
                        tuple("PROPOSED", "committee",
                                "Deux changements motivés sur la page.", null),
                        tuple("SENT_BACK", "president", SENT_BACK_REMARK, null),
                        tuple("PROPOSED", "committee",
                                "S12 pose des questions que S09 ne pose pas.", null),
                        tuple("CONFIRMED", "president", CONFIRM_REMARK, null));

        // A laureate gives up before the accompaniment: the first reserve application takes its place.
        int mailsBefore = smtp.getReceivedMessages().length;
        intake.withdraw(apps.get("S02").reference(), apps.get("S02").token());
        driver.executeJobs(processes);
        assertThat(applications.get(apps.get("S02").applicationId()).status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        Submitted promoted = apps.get("S09");
        assertThat(applications.get(promoted.applicationId()).status()).isEqualTo(ApplicationStatus.LAUREATE);
        assertThat(waitingAt(promoted))
                .containsExactly("Task_AwaitAccompaniment");
        assertThat(mailsTo(email("S09"))).filteredOn(mail -> mail.subject().equals("Bac à sable – candidature "
                + promoted.reference() + " : votre projet devient lauréat")).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("votre projet devient lauréat"));
        for (String code : List.of("S10", "S11")) {
            assertThat(applications.get(apps.get(code).applicationId()).status()).isEqualTo(ApplicationStatus.RESERVE);
            assertThat(waitingAt(apps.get(code)))
                    .containsExactly("Task_AwaitPromotion");
        }
        assertThat(apps.values().stream().filter(application -> applications.get(application.applicationId())
                .status() == ApplicationStatus.LAUREATE).count()).as("laureates").isEqualTo(4);
        assertThat(lines(campaignId)).filteredOn(line -> !line.withdrawn() && "LAUREATE".equals(line.outcome()))
                .extracting(line -> codes.get(line.applicationId()))
                .containsExactlyInAnyOrder("S01", "S03", "S04", "S09");
        assertThat(smtp.getReceivedMessages()).as("withdrawal notice to S02, promotion letter to S09")
                .hasSize(mailsBefore + 2);
        assertThat(trackingPage(promoted)).contains("Votre projet est lauréat",
                normalized(outboxBody(promoted.applicationId(), "RESERVE_PROMOTED")));
        List<String> journalAfter = journal(get(selectionPage(campaignId), login("president")).getBody());
        assertThat(journalAfter).anySatisfy(row -> assertThat(row).contains("Candidature retirée",
                apps.get("S02").reference()));
        assertThat(journalAfter).anySatisfy(row -> assertThat(row).contains(
                "Candidature de la liste complémentaire promue lauréate", promoted.reference(),
                "Liste complémentaire → Lauréat (accompagné)",
                "Désistement de la candidature lauréate " + apps.get("S02").reference()));

        // The whole announcement run again: no second letter, no second correlation.
        int mailsNow = smtp.getReceivedMessages().length;
        ProcessInstance rerun = runtimeService.createProcessInstanceByKey(CampaignSelectionVariables.PROCESS_KEY)
                .setVariable(CampaignSelectionVariables.CAMPAIGN_ID, campaignId)
                .setVariable(CampaignSelectionVariables.ANNOUNCEMENT_PAGES, 1)
                .startBeforeActivity("Task_AnnounceOutcome#multiInstanceBody")
                .execute();
        assertThat(managementService.createJobQuery().processInstanceId(rerun.getId()).count()).isNotZero();
        List<String> withRerun = new ArrayList<>(processes);
        withRerun.add(rerun.getId());
        driver.executeJobs(withRerun);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(rerun.getId()).count()).isZero();
        assertThat(smtp.getReceivedMessages()).hasSize(mailsNow);
        assertThat(events(campaignId)).filteredOn(event -> "ANNOUNCED".equals(event.type()))
                .hasSize(CANDIDATES.size());
        for (Candidate candidate : CANDIDATES) {
            assertThat(outboxCount(apps.get(candidate.code()).applicationId(), "SELECTION_DECISION"))
                    .as(candidate.code()).isEqualTo(1);
        }
        assertThat(applications.get(promoted.applicationId()).status()).isEqualTo(ApplicationStatus.LAUREATE);
        assertThat(waitingAt(promoted))
                .containsExactly("Task_AwaitAccompaniment");
    }

    /**
     * "Informer chaque candidature de son issue" is meant to tell each application on its own (its job
     * retried, then an incident, for that application alone). One application that cannot be told —
     * here its process was suspended in Cockpit — must not hold back the others' letters.
     */
    @Test
    void anApplicationThatCannotBeToldDoesNotHoldBackTheOthersLetters() {
        String campaignId = driver.publish(1, 1, 1);
        Submitted first = driver.submit(campaignId, "Premier");
        Submitted second = driver.submit(campaignId, "Second");
        Submitted suspended = driver.submit(campaignId, "Suspendu");
        driver.review(first, s(4.5, 4.5, 4.5, 4.5), s(4.5, 4.5, 4.5, 4.5));
        driver.review(second, s(4, 4, 4, 4), s(4, 4, 4, 4));
        driver.review(suspended, s(3.5, 3.5, 3.5, 3.5), s(3.5, 3.5, 3.5, 3.5));
        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);
        assertCompleted("committee", taskId(selectionProcess, PROPOSE_TASK), Map.of());
        assertCompleted("president", taskId(selectionProcess, DECIDE_TASK), Map.of("selectionDecision", "CONFIRM"));
        driver.family(List.of(suspended.processInstanceId())).forEach(runtimeService::suspendProcessInstanceById);

        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<Job> due = managementService.createJobQuery()
                    .processInstanceIds(driver.family(List.of(selectionProcess, first.processInstanceId(),
                            second.processInstanceId())))
                    .executable().list();
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                try {
                    managementService.executeJob(job.getId());
                } catch (RuntimeException failed) {
                    failures.add(failed.getMessage());
                }
            }
        }

        assertThat(failures).as("the suspended application's announcement fails, and only that one").isNotEmpty();
        assertThat(applications.get(first.applicationId()).status()).as("told despite the suspended one")
                .isEqualTo(ApplicationStatus.LAUREATE);
        assertThat(applications.get(second.applicationId()).status()).as("told despite the suspended one")
                .isEqualTo(ApplicationStatus.ADVISED);
        assertThat(outboxCount(first.applicationId(), "SELECTION_DECISION")).isEqualTo(1);
        assertThat(outboxCount(second.applicationId(), "SELECTION_DECISION")).isEqualTo(1);
        assertThat(outboxCount(suspended.applicationId(), "SELECTION_DECISION")).isZero();
    }

    // ---------------------------------------------------------------- waiting for the reviews

    @Test
    void campaignWaitsWhileAnApplicationIsStillOnItsWayAndMovesOnWhenTheLastReviewEnds() {
        String campaignId = driver.publish(1, 1, 1);
        Submitted reviewed = driver.submit(campaignId, "Instruit avant la clôture");
        Submitted underReview = driver.submit(campaignId, "Encore en revue");
        Submitted unchecked = driver.submit(campaignId, "Complétude à vérifier");
        driver.review(reviewed, s(4, 4, 4, 4), s(4, 4, 4, 4));
        driver.markComplete(underReview);

        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);
        assertWaitingForReviews(campaignId, selectionProcess, 2);

        // The hourly recount finds the same.
        Job recheck = managementService.createJobQuery().processInstanceId(selectionProcess)
                .activityId("Event_RecheckDelay").singleResult();
        managementService.executeJob(recheck.getId());
        assertWaitingForReviews(campaignId, selectionProcess, 2);

        // A withdrawal wakes the campaign: one left.
        intake.withdraw(unchecked.reference(), unchecked.token());
        driver.executeJobs(unchecked.processInstanceId(), selectionProcess);
        assertWaitingForReviews(campaignId, selectionProcess, 1);

        // The last review ends: its signal starts the selection at once.
        driver.score(underReview, s(3.5, 3.5, 3.5, 3.5), s(3.5, 3.5, 3.5, 3.5), null);
        driver.executeJobs(selectionProcess);
        assertThat(taskService.createTaskQuery().processInstanceId(selectionProcess).taskDefinitionKey(PROPOSE_TASK)
                .count()).isEqualTo(1);
        assertThat(campaigns.find(campaignId).orElseThrow().status()).isEqualTo(CampaignStatus.SELECTION);
        assertThat(lines(campaignId)).extracting(Line::applicationId, Line::rank, Line::proposed).containsExactly(
                tuple(reviewed.applicationId(), 1, "LAUREATE"),
                tuple(underReview.applicationId(), 2, "ADVISED"));
        assertThat(managementService.createJobQuery().processInstanceId(selectionProcess).timers()
                .activityId("BoundaryEvent_ReviewDeadlineReached").count()).as("deadline timer gone").isZero();
    }

    @Test
    void atTheReviewDeadlineTheManagersHearOfWhatIsStillUnderReviewAndTheCampaignKeepsWaiting() throws Exception {
        String campaignId = driver.publish(1, 1, 1);
        Submitted reviewed = driver.submit(campaignId, "Instruit à temps");
        Submitted late = driver.submit(campaignId, "Instruction en retard");
        driver.review(reviewed, s(4, 4, 4, 4), s(4, 4, 4, 4));
        driver.markComplete(late);
        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);
        Date deadline = (Date) runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.REVIEW_DEADLINE);
        Job deadlineTimer = managementService.createJobQuery().processInstanceId(selectionProcess)
                .activityId("BoundaryEvent_ReviewDeadlineReached").singleResult();
        assertThat(deadlineTimer.getDuedate()).isEqualTo(deadline);
        smtp.purgeEmailFromAllMailboxes();

        ClockUtil.setCurrentTime(Date.from(deadline.toInstant().minus(Duration.ofMinutes(1))));
        driver.executeJobs(selectionProcess);
        assertThat(outbox(late.applicationId(), "REVIEWS_OVERDUE")).as("nothing before the deadline").isEmpty();

        ClockUtil.setCurrentTime(Date.from(deadline.toInstant().plus(Duration.ofMinutes(1))));
        driver.executeJobs(selectionProcess);

        List<String> managers = identityService.createUserQuery().memberOfGroup(StaffGroups.PROGRAMME_MANAGERS).list()
                .stream().map(User::getEmail).filter(email -> email != null && !email.isBlank()).toList();
        assertThat(managers).contains("manager@demo.bacasable.invalid");
        String lastDay = frenchDate(LocalDate.ofInstant(deadline.toInstant(), ProgrammeTime.ZONE).minusDays(1));
        List<Mail> alerts = allMails();
        assertThat(alerts).extracting(Mail::recipient).containsExactlyInAnyOrderElementsOf(managers);
        assertThat(alerts).allSatisfy(alert -> {
            assertThat(alert.subject()).isEqualTo("Bac à sable – instruction inachevée de la candidature "
                    + late.reference());
            assertThat(alert.body()).contains(late.reference(), "Instruction en retard", lastDay,
                    ApplicationStatus.UNDER_REVIEW.label());
        });
        assertThat(outbox(late.applicationId(), "REVIEWS_OVERDUE")).hasSize(managers.size())
                .allSatisfy(status -> assertThat(status).isEqualTo("SENT"));
        assertThat(outbox(reviewed.applicationId(), "REVIEWS_OVERDUE")).isEmpty();
        assertThat(trackingPage(late)).as("the managers' alert is not the applicant's")
                .doesNotContain("instruction inachevée");
        assertWaitingForReviews(campaignId, selectionProcess, 1);
        assertThat(managementService.createJobQuery().processInstanceId(selectionProcess)
                .activityId("BoundaryEvent_ReviewDeadlineReached").count()).as("the deadline fires once").isZero();

        // Later the same day: no second alert.
        ClockUtil.setCurrentTime(Date.from(deadline.toInstant().plus(Duration.ofHours(3))));
        driver.executeJobs(selectionProcess);
        assertThat(outbox(late.applicationId(), "REVIEWS_OVERDUE")).hasSize(managers.size());
        assertWaitingForReviews(campaignId, selectionProcess, 1);

        ClockUtil.reset();
        driver.score(late, s(3.5, 3.5, 3.5, 3.5), s(3.5, 3.5, 3.5, 3.5), null);
        driver.executeJobs(selectionProcess);
        assertThat(taskService.createTaskQuery().processInstanceId(selectionProcess).taskDefinitionKey(PROPOSE_TASK)
                .count()).isEqualTo(1);
    }

    /**
     * The alerts are put in the outbox at the deadline and the dispatcher sends them, whatever happens
     * to the application next: one whose review ends right after still has its alerts sent.
     */
    @Test
    void alertsQueuedAtTheDeadlineAreSentEvenWhenTheReviewEndsRightAfter() {
        String campaignId = driver.publish(1, 1, 1);
        Submitted reviewed = driver.submit(campaignId, "Instruit à temps");
        Submitted late = driver.submit(campaignId, "Instruction finie juste après la date limite");
        driver.review(reviewed, s(4, 4, 4, 4), s(4, 4, 4, 4));
        driver.markComplete(late);
        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);
        Date deadline = (Date) runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.REVIEW_DEADLINE);

        ClockUtil.setCurrentTime(Date.from(deadline.toInstant().plus(Duration.ofMinutes(1))));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(selectionProcess)
                .activityId("BoundaryEvent_ReviewDeadlineReached").singleResult().getId());
        assertThat(outbox(late.applicationId(), "REVIEWS_OVERDUE")).isNotEmpty()
                .allSatisfy(status -> assertThat(status).isEqualTo("PENDING"));
        ClockUtil.reset();
        driver.score(late, s(3.5, 3.5, 3.5, 3.5), s(3.5, 3.5, 3.5, 3.5), null);
        ClockUtil.setCurrentTime(Date.from(deadline.toInstant().plus(Duration.ofMinutes(2))));
        notifications.dispatchDue();
        ClockUtil.reset();

        assertThat(outbox(late.applicationId(), "REVIEWS_OVERDUE")).isNotEmpty()
                .allSatisfy(status -> assertThat(status).isEqualTo("SENT"));
    }

    // ---------------------------------------------------------------- the selection page's refusals

    @Test
    void moveWithoutAReasonIsRefusedInFrenchAndOnlyTheCommitteeMovesWhileItProposes() {
        String campaignId = driver.publish(1, 1, 1);
        Submitted first = driver.submit(campaignId, "Premier");
        Submitted second = driver.submit(campaignId, "Second");
        driver.review(first, s(4.5, 4.5, 4.5, 4.5), s(4.5, 4.5, 4.5, 4.5));
        driver.review(second, s(4, 4, 4, 4), s(4, 4, 4, 4));
        driver.close(campaignId);
        String selectionProcess = driver.selectionProcess(campaignId);
        String committee = login("committee");
        List<Line> before = lines(campaignId);

        for (String reason : new String[] {null, "", "   "}) {
            ResponseEntity<String> refused = move(committee, campaignId, second, "NOT_SELECTED", reason);
            assertThat(refused.getStatusCode()).as("reason %s", reason).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(HtmlUtils.htmlUnescape(refused.getBody()))
                    .contains("Indiquez le motif du changement : il est conservé avec la décision.");
        }
        ResponseEntity<String> noOutcome = move(committee, campaignId, second, null, "Un motif.");
        assertThat(noOutcome.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(HtmlUtils.htmlUnescape(noOutcome.getBody()))
                .contains("Choisissez l'issue vers laquelle déplacer la candidature.");
        ResponseEntity<String> rejectedOutcome = move(committee, campaignId, second, "REJECTED", "Un motif.");
        assertThat(rejectedOutcome.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);

        for (String reader : List.of("manager", "president")) {
            String session = login(reader);
            ResponseEntity<String> page = get(selectionPage(campaignId), session);
            assertThat(page.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
            assertThat(page.getBody()).as(reader).contains(first.reference()).doesNotContain("Déplacer</button>");
            assertThat(move(session, campaignId, second, "NOT_SELECTED", "Pas au comité.").getStatusCode())
                    .as(reader).isEqualTo(HttpStatus.FORBIDDEN);
        }
        String legal = login("legal");
        assertThat(get(selectionPage(campaignId), legal).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(move(legal, campaignId, second, "NOT_SELECTED", "Pas au comité.").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(lines(campaignId)).isEqualTo(before);
        assertThat(events(campaignId)).extracting(Event::type).containsExactly("PREPARED");

        // Once the proposal is handed over, the page no longer moves anything.
        assertCompleted("committee", taskId(selectionProcess, PROPOSE_TASK), Map.of());
        ResponseEntity<String> late = move(committee, campaignId, second, "NOT_SELECTED", "Trop tard.");
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(HtmlUtils.htmlUnescape(late.getBody()))
                .contains("La sélection ne peut être modifiée que pendant la tâche « Proposer la sélection ».");
        assertThat(lines(campaignId)).isEqualTo(before);
    }

    @Test
    void selectionPageIsForbiddenToReviewers() {
        String campaignId = driver.publish(1, 1, 1);
        for (String reviewer : List.of("legal", "tech")) {
            assertThat(get(selectionPage(campaignId), login(reviewer)).getStatusCode()).as(reviewer)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(get(selectionPage(campaignId), login("committee")).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void closeNowAsksFirstThenClosesAtOnceAndTheFormSaysTheClosingWasBroughtForward() {
        String campaignId = driver.publish(1, 1, 1);
        driver.submit(campaignId, "Projet avant la clôture");
        driver.submit(campaignId, "Autre projet avant la clôture");
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        String cookie = login("manager");
        String page = get("/staff/campaigns", cookie).getBody();
        String row = page.substring(page.indexOf(campaign.title()));
        assertThat(page).contains("<th scope=\"col\">Période de candidature</th>",
                "<th scope=\"col\">Candidatures reçues</th>");
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("<td class=\"number\">2</td>");

        ResponseEntity<String> asked = closeNow(cookie, campaignId, null);

        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(asked.getBody()).contains("Clôturer « " + campaign.title() + " » maintenant ?",
                "name=\"confirmed\" value=\"oui\"");
        assertThat(campaigns.find(campaignId).orElseThrow().status()).isEqualTo(CampaignStatus.OPEN);

        ResponseEntity<String> closed = closeNow(cookie, campaignId, "oui");

        assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.FOUND);
        assertThat(campaigns.find(campaignId).orElseThrow().status()).as("closed before the page comes back")
                .isEqualTo(CampaignStatus.CLOSED);
        assertThat(closed.getHeaders().getLocation().getPath()).isEqualTo("/staff/campaigns");
        String after = get("/staff/campaigns", cookie).getBody();
        assertThat(after.substring(after.indexOf(campaign.title()))).contains("<td>Clôturée</td>");
        String form = HtmlUtils.htmlUnescape(http.getForEntity("/campagnes/" + campaignId + "/candidature",
                String.class).getBody());
        assertThat(form).contains("sont closes : la clôture, prévue le " + DateTimeFormatter.ofPattern("d MMMM yyyy",
                Locale.FRENCH).format(campaign.closingDate()) + ", a été avancée.").doesNotContain("closes depuis");
    }

    ResponseEntity<String> closeNow(String cookie, String campaignId, String confirmed) {
        HttpHeaders headers = cookie(cookie);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (confirmed != null) {
            form.add("confirmed", confirmed);
        }
        form.add(StaffLogin.TOKEN_FIELD, StaffLogin.tokenOf(http, cookie, "/staff/login"));
        return http.withRedirects(Redirects.DONT_FOLLOW).exchange("/staff/campaigns/" + campaignId + "/close-now",
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    // ---------------------------------------------------------------- helpers: the campaign

    static Candidate same(String code, Integer rank, double[] scores) {
        return new Candidate(code, scores, scores, rank);
    }

    static double[] s(double... scores) {
        return scores;
    }

    static String proposal(int rank) {
        return rank <= 4 ? "LAUREATE" : rank <= 8 ? "ADVISED" : rank <= 11 ? "RESERVE" : "NOT_SELECTED";
    }

    static Map<String, ApplicationStatus> decided() {
        Map<String, ApplicationStatus> decided = new LinkedHashMap<>();
        for (Candidate candidate : CANDIDATES) {
            ApplicationStatus status = candidate.rank() == null ? ApplicationStatus.REJECTED
                    : ApplicationStatus.valueOf(proposal(candidate.rank()));
            decided.put(candidate.code(), status);
        }
        decided.put("S08", ApplicationStatus.NOT_SELECTED);
        decided.put("S12", ApplicationStatus.ADVISED);
        return Map.copyOf(decided);
    }

    static String email(String code) {
        return "porteur." + code.toLowerCase(Locale.ROOT) + "@collectivites.example.org";
    }

    /** The sample application with a contact of its own, so each applicant's mails can be counted. */
    static ApplicationSubmission submission(String code) {
        ApplicationSubmission base = Applications.submission("Projet " + code);
        return new ApplicationSubmission(base.applicantType(), base.organisationName(), base.siret(),
                "Responsable " + code, email(code), base.contactPhone(), base.projectTitle(), base.projectSummary(),
                base.publicServiceDomain(), base.projectStage(), base.usesAi(), base.aiTechniques(),
                base.processesPersonalData(), base.personalDataCategories(), base.dpia(), base.aiAct(),
                base.legalQuestions(), base.consent());
    }

    void assertWaitingForReviews(String campaignId, String selectionProcess, int pending) {
        assertThat(runtimeService.getVariable(selectionProcess, CampaignSelectionVariables.PENDING_REVIEWS))
                .isEqualTo(pending);
        assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(selectionProcess)
                .eventName(ProcessContract.SIGNAL_REVIEW_SETTLED + campaignId).count()).isEqualTo(1);
        assertThat(taskService.createTaskQuery().processInstanceId(selectionProcess).count()).isZero();
        assertThat(campaigns.find(campaignId).orElseThrow().status()).isEqualTo(CampaignStatus.CLOSED);
        assertThat(lines(campaignId)).isEmpty();
    }

    /** The activities the application's processes wait in, leaving out the calls; none once they have ended. */
    List<String> waitingAt(Submitted application) {
        return driver.family(List.of(application.processInstanceId())).stream()
                .filter(process -> runtimeService.createProcessInstanceQuery().processInstanceId(process).count() > 0)
                .flatMap(process -> runtimeService.getActiveActivityIds(process).stream())
                .filter(activity -> !activity.startsWith("CallActivity_"))
                .toList();
    }

    String taskId(String processInstanceId, String definitionKey) {
        return driver.taskOf(processInstanceId, definitionKey).getId();
    }

    /** Claims then submits the task form over the engine REST API as this user, as Tasklist does. */
    void assertCompleted(String user, String taskId, Map<String, Object> form) {
        ResponseEntity<String> claimed = claim(user, taskId);
        assertThat(claimed.getStatusCode()).as(claimed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> submitted = submit(user, taskId, form);
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    // ---------------------------------------------------------------- helpers: selection tables

    record Line(String applicationId, Integer rank, String proposed, String outcome, String changeReason,
            String changedBy, String decided, boolean announced, boolean withdrawn) {
    }

    List<Line> lines(String campaignId) {
        return jdbc.sql("SELECT * FROM selection_line WHERE campaign_id = :campaignId "
                        + "ORDER BY CASE WHEN rank_position IS NULL THEN 1 ELSE 0 END, rank_position, application_id")
                .param("campaignId", campaignId)
                .query((rs, row) -> new Line(rs.getString("application_id"), (Integer) rs.getObject("rank_position"),
                        rs.getString("proposed_outcome"), rs.getString("outcome"), rs.getString("change_reason"),
                        rs.getString("changed_by"), rs.getString("decided_outcome"),
                        rs.getTimestamp("announced_at") != null, rs.getTimestamp("withdrawn_at") != null))
                .list();
    }

    Line line(String campaignId, Submitted application) {
        return lines(campaignId).stream().filter(line -> line.applicationId().equals(application.applicationId()))
                .findFirst().orElseThrow();
    }

    record Event(String applicationId, String type, String from, String to, String actor, String remark) {
    }

    List<Event> events(String campaignId) {
        return jdbc.sql("SELECT * FROM selection_event WHERE campaign_id = :campaignId ORDER BY occurred_at, id")
                .param("campaignId", campaignId)
                .query((rs, row) -> new Event(rs.getString("application_id"), rs.getString("event_type"),
                        rs.getString("from_outcome"), rs.getString("to_outcome"), rs.getString("actor"),
                        rs.getString("remark")))
                .list();
    }

    // ---------------------------------------------------------------- helpers: letters and mail

    long outboxCount(String applicationId, String template) {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE application_id = :id AND template = :template")
                .param("id", applicationId).param("template", template).query(Long.class).single();
    }

    String outboxBody(String applicationId, String template) {
        return jdbc.sql("SELECT body FROM outbox_message WHERE application_id = :id AND template = :template")
                .param("id", applicationId).param("template", template).query(String.class).single();
    }

    /** The statuses of the application's outbox messages of this template. */
    List<String> outbox(String applicationId, String template) {
        return jdbc.sql("SELECT status FROM outbox_message WHERE application_id = :id AND template = :template")
                .param("id", applicationId).param("template", template).query(String.class).list();
    }

    record Mail(String recipient, String subject, String body) {
    }

    List<Mail> allMails() throws MessagingException, IOException {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            mails.add(new Mail(((InternetAddress) message.getRecipients(RecipientType.TO)[0]).getAddress(),
                    message.getSubject(), normalized(message.getContent().toString())));
        }
        return mails;
    }

    List<Mail> mailsTo(String address) throws MessagingException, IOException {
        return allMails().stream().filter(mail -> mail.recipient().equals(address)).toList();
    }

    /** The decision letter the applicant received by e-mail. */
    String letter(String code) throws MessagingException, IOException {
        return mailsTo(email(code)).stream().filter(mail -> mail.subject().startsWith(DECISION_SUBJECT))
                .map(Mail::body).findFirst().orElseThrow();
    }

    /** Each criterion's final score, then the legal and the technical justification, in that order. */
    static void assertScores(String letter, String code, String[] scores) {
        for (int index = 0; index < CRITERIA.length; index++) {
            assertThat(letter).contains("- " + CRITERION_LABELS[index] + " : " + scores[index] + "/5\n"
                    + "  Appréciation : " + SelectionDriver.justification("legal", CRITERIA[index], code) + "\n"
                    + "  Appréciation : " + SelectionDriver.justification("technical", CRITERIA[index], code) + "\n");
        }
    }

    static void assertNoReviewerTrace(String text) {
        for (Pattern trace : REVIEWER_TRACES) {
            assertThat(trace.matcher(text).find()).as("%s in %s", trace, text).isFalse();
        }
    }

    static String normalized(String text) {
        return text.replace("\r\n", "\n");
    }

    static String frenchDate(LocalDate day) {
        String month = day.format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH));
        return (day.getDayOfMonth() == 1 ? "1er" : String.valueOf(day.getDayOfMonth())) + " " + month;
    }

    // ---------------------------------------------------------------- helpers: HTTP

    static String selectionPage(String campaignId) {
        return "/staff/campaigns/" + campaignId + "/selection";
    }

    /** The applicant's private tracking page, unescaped, line breaks as in the letters. */
    String trackingPage(Submitted application) {
        ResponseEntity<String> page = http.getForEntity("/suivi/" + application.reference() + "/"
                + application.token(), String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return normalized(HtmlUtils.htmlUnescape(page.getBody()));
    }

    /** The journal table of the selection page, one text per row. */
    static List<String> journal(String html) {
        String section = html.substring(html.indexOf("id=\"journal-title\""));
        return Arrays.stream(section.split("<tr")).skip(2)
                .map(row -> HtmlUtils.htmlUnescape(("<tr" + row).replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ")
                        .strip())
                .toList();
    }

    /** Logs in on the staff login page; returns the session cookie. */
    String login(String userId) {
        return StaffLogin.cookie(http, userId, PASSWORD);
    }

    ResponseEntity<String> get(String path, String cookie) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(cookie(cookie)), String.class);
    }

    /** The move form of the selection page; a null field is left out. */
    ResponseEntity<String> move(String cookie, String campaignId, Submitted application, String outcome,
            String reason) {
        HttpHeaders headers = cookie(cookie);
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("applicationId", application.applicationId());
        if (outcome != null) {
            form.add("outcome", outcome);
        }
        if (reason != null) {
            form.add("reason", reason);
        }
        form.add(StaffLogin.TOKEN_FIELD, StaffLogin.tokenOf(http, cookie, "/staff/login"));
        return http.withRedirects(Redirects.DONT_FOLLOW).exchange(selectionPage(campaignId) + "/moves",
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    static HttpHeaders cookie(String cookie) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, cookie);
        return headers;
    }

    List<String> taskIdsSeenBy(String user, String processInstanceId) {
        ResponseEntity<String> response = rest(user, HttpMethod.GET, "/engine-rest/task?processInstanceId="
                + processInstanceId + "&firstResult=0&maxResults=50", null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        try {
            return json.readTree(response.getBody()).findValuesAsText("id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ResponseEntity<String> claim(String user, String taskId) {
        return rest(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", "{\"userId\": \"" + user + "\"}");
    }

    ResponseEntity<String> submit(String user, String taskId, Map<String, Object> form) {
        ObjectNode body = json.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        form.forEach((name, value) -> variables.putObject(name).set("value", json.valueToTree(value)));
        return rest(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form", body.toString());
    }

    ResponseEntity<String> rest(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return http.withBasicAuth(user, PASSWORD).exchange(path, method, new HttpEntity<>(body, headers),
                String.class);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
