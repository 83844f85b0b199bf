package fr.bacasable.selection.internal;

import fr.bacasable.campaign.Campaign;
import fr.bacasable.selection.CampaignSelectionVariables;
import fr.bacasable.selection.Outcome;
import fr.bacasable.selection.SelectionEventType;
import fr.bacasable.selection.SelectionLine;
import fr.bacasable.shared.Texts;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The committee moves an application from one outcome to another, with a reason, while
 * "Proposer la sélection" is open; the capacities hold after every move.
 */
@Service
class CommitteeMoves {

    static final String PROPOSE_TASK = "Task_ProposeSelection";
    static final int REASON_MAX = 2000;

    /** A move the rules refuse, with the French message for the committee. */
    static class RefusedMoveException extends RuntimeException {
        RefusedMoveException(String message) {
            super(message);
        }
    }

    private final SelectionRepository selections;
    private final SelectionSummary summary;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final Clock clock;

    CommitteeMoves(SelectionRepository selections, SelectionSummary summary, TaskService taskService,
            RuntimeService runtimeService, Clock clock) {
        this.selections = selections;
        this.summary = summary;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.clock = clock;
    }

    /** Whether the committee is at work on the campaign's selection: "Proposer la sélection" is open. */
    boolean proposalOpen(Campaign campaign) {
        return openProposal(campaign).isPresent();
    }

    private Optional<Task> openProposal(Campaign campaign) {
        return taskService.createTaskQuery().processDefinitionKey(CampaignSelectionVariables.PROCESS_KEY)
                .taskDefinitionKey(PROPOSE_TASK)
                .processVariableValueEquals(CampaignSelectionVariables.CAMPAIGN_ID, campaign.id())
                .list().stream().findFirst();
    }

    @Transactional
    void move(Campaign campaign, String applicationId, String outcomeName, String reason, String actor) {
        Task proposal = openProposal(campaign).orElseThrow(() -> new RefusedMoveException(
                "La sélection ne peut être modifiée que pendant la tâche « Proposer la sélection »."));
        Outcome outcome = selectable(outcomeName);
        String why = checkedReason(reason);
        List<SelectionLine> lines = selections.lockAll(campaign.id());
        SelectionLine line = lines.stream().filter(candidate -> candidate.applicationId().equals(applicationId))
                .filter(candidate -> candidate.rank() != null && !candidate.withdrawn()).findFirst()
                .orElseThrow(() -> new RefusedMoveException("Cette candidature ne fait pas partie du classement."));
        if (line.outcome() == outcome) {
            throw new RefusedMoveException("La candidature est déjà dans « " + outcome.label() + " ».");
        }
        long wanted = Capacities.taken(lines, outcome) + 1;
        if (wanted > Capacities.of(campaign, outcome)) {
            throw new RefusedMoveException(Capacities.overflowMessage(campaign, outcome, wanted));
        }
        selections.move(applicationId, outcome, why, actor, clock.instant());
        selections.record(campaign.id(), applicationId, SelectionEventType.MOVED, line.outcome(), outcome, actor, why,
                clock.instant());
        runtimeService.setVariable(proposal.getProcessInstanceId(), CampaignSelectionVariables.SELECTION_SUMMARY,
                summary.of(campaign));
    }

    private static Outcome selectable(String name) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.selectable() && outcome.name().equals(name)) {
                return outcome;
            }
        }
        throw new RefusedMoveException("Choisissez l'issue vers laquelle déplacer la candidature.");
    }

    private static String checkedReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RefusedMoveException("Indiquez le motif du changement : il est conservé avec la décision.");
        }
        String text = reason.strip();
        if (Texts.hasForbiddenCharacters(text)) {
            throw new RefusedMoveException("Le motif contient des caractères non autorisés.");
        }
        if (text.length() > REASON_MAX) {
            throw new RefusedMoveException("Le motif ne doit pas dépasser 2000 caractères.");
        }
        return text;
    }
}
