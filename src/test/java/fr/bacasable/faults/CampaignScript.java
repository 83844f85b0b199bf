package fr.bacasable.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.bacasable.application.Applications;
import fr.bacasable.campaign.CampaignService;
import fr.bacasable.faults.ProgrammeClient.OpenTask;
import fr.bacasable.selection.SelectionDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A campaign as the programme lives it, over HTTP: the demo campaign, applications through the
 * applicants' API, completeness and both reviews by the demo staff through the engine REST API,
 * "Clôturer maintenant", the committee's proposal and the president's confirmation. Requests go to
 * the nodes in turn. Every sixth application is scored to be rejected; the others are shortlisted.
 */
final class CampaignScript {

    /**
     * An application the API acknowledged (201), whose applicant then opened the tracking link: its
     * number in the script, reference and tracking token.
     */
    record Accepted(int index, String reference, String token) {
    }

    static final Set<String> REVIEWED = Set.of("SHORTLISTED", "REJECTED");
    static final Set<String> FINAL_OUTCOMES = Set.of("LAUREATE", "ADVISED", "RESERVE", "NOT_SELECTED", "REJECTED");
    private static final Duration STEP_LIMIT = Duration.ofMinutes(4);
    private static final Duration POLL = Duration.ofMillis(300);

    private final ProgrammeClient client;
    private final List<ChildApp> nodes;
    private final AtomicInteger turn = new AtomicInteger();

    CampaignScript(ProgrammeClient client, List<ChildApp> nodes) {
        this.client = client;
        this.nodes = List.copyOf(nodes);
    }

    ChildApp nextNode() {
        return nodes.get(Math.floorMod(turn.getAndIncrement(), nodes.size()));
    }

    /** The demo campaign's id, once it is published and open. */
    String openCampaign() {
        Instant limit = Instant.now().plus(STEP_LIMIT);
        while (Instant.now().isBefore(limit)) {
            for (JsonNode campaign : client.campaigns(nextNode())) {
                if (CampaignService.DEMO_CAMPAIGN_TITLE.equals(campaign.get("title").asText())
                        && campaign.get("acceptsApplications").asBoolean()) {
                    return campaign.get("id").asText();
                }
            }
            ChildApp.pause(POLL);
        }
        throw new AssertionError("The demo campaign never opened");
    }

    Accepted submit(String campaignId, int index) {
        ObjectNode body = Applications.validBody();
        body.put("projectTitle", "Projet d'essai n° " + index);
        body.put("contactEmail", applicantEmail(index));
        JsonNode receipt = client.submit(nextNode(), campaignId, body, "fault-test-" + index);
        Accepted accepted = new Accepted(index, receipt.get("reference").asText(), receipt.get("trackingToken").asText());
        client.openTrackingLink(nextNode(), accepted.reference(), accepted.token());
        return accepted;
    }

    static String applicantEmail(int index) {
        return "porteur-" + index + "@collectivite-exemple.test";
    }

    String status(Accepted application) {
        return client.tracking(nextNode(), application.reference(), application.token()).get("status").asText();
    }

    /** Whether a programme manager has the completeness check of this application in Tasklist. */
    boolean awaitsCompleteness(Accepted application) {
        return !openTasks(application, "manager", "Task_CheckCompleteness").isEmpty();
    }

    /**
     * Completeness, then both reviews, of every application, until each is shortlisted or rejected;
     * {@code afterEachAction} hears the number of tasks completed so far.
     */
    void review(Collection<Accepted> applications, IntConsumer afterEachAction) {
        Set<Accepted> pending = new LinkedHashSet<>(applications);
        AtomicInteger actions = new AtomicInteger();
        Instant limit = Instant.now().plus(STEP_LIMIT);
        while (!pending.isEmpty()) {
            assertThat(Instant.now()).as("reviews of %s still pending", pending).isBefore(limit);
            for (Accepted application : List.copyOf(pending)) {
                if (REVIEWED.contains(status(application))) {
                    pending.remove(application);
                    continue;
                }
                for (Step step : steps(application)) {
                    for (OpenTask task : openTasks(application, step.user(), step.taskKey())) {
                        client.complete(nextNode(), step.user(), task.id(), step.form());
                        afterEachAction.accept(actions.incrementAndGet());
                    }
                }
            }
            ChildApp.pause(POLL);
        }
    }

    /** "Clôturer maintenant", then the committee keeps the proposal. */
    void closeAndPropose(String campaignId) {
        client.closeNow(nextNode(), campaignId);
        OpenTask proposal = awaitCampaignTask("committee", "Task_ProposeSelection");
        client.complete(nextNode(), "committee", proposal.id(), Map.of());
    }

    /** The president confirms the selection: the announcement starts. */
    void confirmSelection() {
        OpenTask decision = awaitCampaignTask("president", "Task_DecideSelection");
        client.complete(nextNode(), "president", decision.id(), Map.of("selectionDecision", "CONFIRM"));
    }

    /** A staff member's task of the review and the form they submit. */
    private record Step(String user, String taskKey, Map<String, ?> form) {
    }

    private static List<Step> steps(Accepted application) {
        return List.of(new Step("manager", "Task_CheckCompleteness", Map.of("completeness", "COMPLETE")),
                new Step("legal", "Task_ReviewLegal", SelectionDriver.form("legal", scores(application))),
                new Step("tech", "Task_ReviewTechnical", SelectionDriver.form("technical", scores(application))));
    }

    /** Shortlisted with totals of 15 to 16, or (every sixth) rejected with 2 on every criterion. */
    static double[] scores(Accepted application) {
        if (rejected(application.index())) {
            return new double[] {2, 2, 2, 2};
        }
        return new double[] {4, 4, 4, 3 + (application.index() % 3) * 0.5};
    }

    static boolean rejected(int index) {
        return index % 6 == 0;
    }

    private List<OpenTask> openTasks(Accepted application, String user, String taskKey) {
        return client.tasks(nextNode(), user, Map.of("processInstanceBusinessKey", application.reference(),
                "taskDefinitionKey", taskKey));
    }

    private OpenTask awaitCampaignTask(String user, String taskKey) {
        Instant limit = Instant.now().plus(STEP_LIMIT);
        while (Instant.now().isBefore(limit)) {
            List<OpenTask> tasks = client.tasks(nextNode(), user, Map.of("processDefinitionKey",
                    "CampaignSelectionProcess", "taskDefinitionKey", taskKey));
            if (!tasks.isEmpty()) {
                return tasks.get(0);
            }
            ChildApp.pause(POLL);
        }
        throw new AssertionError(taskKey + " never came to " + user);
    }

    static List<String> references(Collection<Accepted> applications) {
        List<String> references = new ArrayList<>();
        applications.forEach(application -> references.add(application.reference()));
        return references;
    }
}
