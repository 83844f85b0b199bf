package fr.bacasable.application.internal;

import fr.bacasable.application.AiActAnswers;
import fr.bacasable.application.ApplicationSubmission;
import fr.bacasable.application.DpiaAnswers;
import fr.bacasable.application.SubmissionReceipt;
import fr.bacasable.campaign.Campaign;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.security.StaffGroups;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In local mode, fills the demo campaign once with twelve applications already through completeness
 * and both reviews, as the demo staff would have done it in Tasklist, so a newcomer can go on to the
 * selection at once. It runs beside the job executor, in the background, and logs when it is done.
 */
@Component
@ConditionalOnProperty({"bas.security.demo-enabled", "bas.demo.seed-applications"})
class DemoApplications {

    private static final Logger LOG = LoggerFactory.getLogger(DemoApplications.class);
    private static final Duration TASK_WAIT = Duration.ofMinutes(3);

    /** A demo project and the scores (relevance, data-protection interest, quality, impact) its reviewers give. */
    record DemoProject(String applicantType, String organisation, String siret, String contactName, String title,
            String domain, double[] legal, double[] technical) {
    }

    static final List<DemoProject> PROJECTS = List.of(
            project("LOCAL_AUTHORITY", "Ville de Rennes", "21758301661318", "Claire Morel",
                    "Assistant IA pour les demandes d'état civil", "SOCIAL", 4.5, 4.5, 4, 4.5, 4.5, 4.5, 4, 4),
            project("PUBLIC_BODY", "France Travail Bretagne", "13002233079244", "Marc Leroy",
                    "Orientation des demandeurs d'emploi assistée par IA", "EMPLOYMENT", 4, 4.5, 4, 4, 4.5, 4, 4, 4),
            project("CENTRAL_ADMINISTRATION", "Direction du numérique d'un ministère", "11004529841537", "Sophie Blanc",
                    "Tri automatique des courriers des usagers", "OTHER", 4, 4, 4, 4, 4, 4, 4, 4),
            project("LOCAL_AUTHORITY", "Département de la Gironde", "21336252760189", "Julien Roux",
                    "Détection des fraudes aux aides sociales", "SOCIAL", 4, 4.5, 3.5, 3.5, 4, 4, 3.5, 4),
            project("PUBLIC_BODY", "CHU de Lille", "18005798682828", "Nadia Haddad",
                    "Prédiction des réhospitalisations", "HEALTH", 3.5, 4, 4, 3.5, 4, 4, 3.5, 3.5),
            project("LOCAL_AUTHORITY", "Métropole de Nantes", "21444920831240", "Thomas Girard",
                    "Optimisation des tournées de collecte des déchets", "ENVIRONMENT", 3.5, 3.5, 4, 4, 3.5, 3.5, 4, 4),
            project("DECONCENTRATED_SERVICE", "Préfecture du Nord", "19204504000883", "Laura Fontaine",
                    "Pré-instruction des titres de séjour", "OTHER", 3.5, 4, 3.5, 3, 3.5, 3.5, 3.5, 3.5),
            project("PUBLIC_BODY", "Université de Strasbourg", "20675724920868", "Karim Benali",
                    "Aide à l'orientation des étudiants de licence", "EDUCATION",
                    3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5),
            project("LOCAL_AUTHORITY", "Ville de Marseille", "21377407188181", "Élodie Caron",
                    "Vidéoprotection augmentée des espaces publics", "PUBLIC_SECURITY",
                    3.5, 3.5, 3, 3.5, 3, 3.5, 3.5, 3),
            project("PRIVATE_WITH_PUBLIC_PARTNER", "Mobilités Demain SAS", "20068072902227", "Hugo Perrin",
                    "Transport à la demande pour les communes rurales", "MOBILITY", 3, 3.5, 3.5, 3.5, 3.5, 3, 3.5, 3),
            project("LOCAL_AUTHORITY", "Communauté de communes du Vercors", "21597529170342", "Anaïs Dupuis",
                    "Chatbot pour les démarches d'urbanisme", "OTHER", 2.5, 3, 3, 3, 2.5, 3, 3, 3),
            project("PUBLIC_BODY", "Office public de l'habitat", "21317887838483", "Patrick Noël",
                    "Priorisation des demandes de logement social", "SOCIAL", 3, 2.5, 2.5, 3, 3, 2.5, 3, 2.5));

    private final CampaignService campaigns;
    private final IntakeService intake;
    private final TaskService taskService;
    private final IdentityService identityService;
    private final JdbcClient jdbc;

    DemoApplications(CampaignService campaigns, IntakeService intake, TaskService taskService,
            IdentityService identityService, JdbcClient jdbc) {
        this.campaigns = campaigns;
        this.intake = intake;
        this.taskService = taskService;
        this.identityService = identityService;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    void seedInBackground() {
        Optional<Campaign> campaign = campaigns.findByTitle(CampaignService.DEMO_CAMPAIGN_TITLE)
                .filter(Campaign::acceptsApplications);
        if (campaign.isEmpty() || hasApplications(campaign.get())) {
            return;
        }
        Thread seeding = new Thread(() -> seed(campaign.get()), "demo-applications");
        seeding.setDaemon(true);
        seeding.start();
    }

    private void seed(Campaign campaign) {
        try {
            List<String> references = new ArrayList<>();
            for (DemoProject project : PROJECTS) {
                SubmissionReceipt receipt = intake.submit(campaign.id(), submission(project), List.of());
                // The demo applicant opens the tracking link as a real one does: the address counts as confirmed.
                intake.track(receipt.reference(), receipt.trackingToken());
                references.add(receipt.reference());
            }
            for (int index = 0; index < PROJECTS.size(); index++) {
                review(references.get(index), PROJECTS.get(index));
            }
            LOG.info("The demo campaign \"{}\" has {} reviewed applications ({} to {}): close it from "
                    + "/staff/campaigns as manager to start the selection", campaign.title(), references.size(),
                    references.get(0), references.get(references.size() - 1));
        } catch (RuntimeException | InterruptedException e) {
            LOG.warn("The demo applications could not all be reviewed: {}", e.toString());
        }
    }

    private void review(String reference, DemoProject project) throws InterruptedException {
        completeAs("manager", StaffGroups.PROGRAMME_MANAGERS, awaitTask(reference, "Task_CheckCompleteness"),
                Map.of("completeness", "COMPLETE"));
        completeAs("legal", StaffGroups.LEGAL_REVIEWERS, awaitTask(reference, "Task_ReviewLegal"),
                reviewForm("legal", "juridique", project.legal()));
        completeAs("tech", StaffGroups.TECHNICAL_REVIEWERS, awaitTask(reference, "Task_ReviewTechnical"),
                reviewForm("technical", "technique", project.technical()));
    }

    /** The job executor takes the application through its asynchronous steps; the task shows up after them. */
    private Task awaitTask(String reference, String definitionKey) throws InterruptedException {
        Instant deadline = Instant.now().plus(TASK_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(reference)
                    .taskDefinitionKey(definitionKey).singleResult();
            if (task != null) {
                return task;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("No task " + definitionKey + " for " + reference + " after " + TASK_WAIT);
    }

    private void completeAs(String userId, String groupId, Task task, Map<String, Object> variables) {
        identityService.setAuthentication(userId, List.of(groupId));
        try {
            taskService.claim(task.getId(), userId);
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private boolean hasApplications(Campaign campaign) {
        return jdbc.sql("SELECT COUNT(*) FROM application WHERE campaign_id = :campaignId")
                .param("campaignId", campaign.id()).query(Integer.class).single() > 0;
    }

    private static Map<String, Object> reviewForm(String prefix, String kind, double[] scores) {
        String[] criteria = {"Relevance", "DataProtectionInterest", "Quality", "Impact"};
        String[] topics = {"la pertinence de l'usage de l'IA", "l'intérêt pour la protection des données",
                "la qualité du projet", "l'impact attendu"};
        Map<String, Object> form = new LinkedHashMap<>();
        form.put(prefix + "ConflictOfInterest", "no");
        for (int index = 0; index < criteria.length; index++) {
            form.put(prefix + criteria[index] + "Score",
                    BigDecimal.valueOf(scores[index]).stripTrailingZeros().toPlainString());
            form.put(prefix + criteria[index] + "Justification", "Appréciation " + kind + " de démonstration sur "
                    + topics[index] + " (note " + BigDecimal.valueOf(scores[index]).stripTrailingZeros()
                    .toPlainString().replace('.', ',') + "/5).");
        }
        form.put(prefix + "Remarks", "");
        return form;
    }

    private static ApplicationSubmission submission(DemoProject project) {
        String email = Normalizer.normalize(project.contactName(), Normalizer.Form.NFD).toLowerCase(Locale.ROOT)
                .replaceAll("\\p{M}", "").replaceAll("[^a-z]+", ".") + "@demo.example";
        return new ApplicationSubmission(project.applicantType(), project.organisation(), project.siret(),
                project.contactName(), email, "01 23 45 67 89", project.title(),
                "Projet de démonstration : " + project.title().toLowerCase() + ".", project.domain(), "PILOT", true,
                List.of("MACHINE_LEARNING"), true, List.of("IDENTITY", "CONTACT"),
                new DpiaAnswers(true, false, false, false, true, false, false, true, false, false),
                new AiActAnswers("NONE", "NONE", false, false, true, false, false, true),
                "Quelle base légale pour réutiliser les données du service ?", true);
    }

    private static DemoProject project(String type, String organisation, String siret, String contact, String title,
            String domain, double... scores) {
        return new DemoProject(type, organisation, siret, contact, title, domain,
                new double[] {scores[0], scores[1], scores[2], scores[3]},
                new double[] {scores[4], scores[5], scores[6], scores[7]});
    }
}
