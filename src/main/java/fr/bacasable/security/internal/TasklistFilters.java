package fr.bacasable.security.internal;

import static fr.bacasable.security.StaffGroups.LEGAL_REVIEWERS;
import static fr.bacasable.security.StaffGroups.PRESIDENT;
import static fr.bacasable.security.StaffGroups.PROGRAMME_MANAGERS;
import static fr.bacasable.security.StaffGroups.SELECTION_COMMITTEE;
import static fr.bacasable.security.StaffGroups.TECHNICAL_REVIEWERS;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters of each staff group. Their queries hold no expression: stored expressions
 * are disabled in the engine (see application.properties).
 */
@Component
class TasklistFilters {

    record GroupFilter(String name, String description, String groupId, String candidateGroup, int priority) {
    }

    static final List<GroupFilter> FILTERS = List.of(
            new GroupFilter("Gestion du programme", "Complétude, consensus et suivi des dossiers",
                    PROGRAMME_MANAGERS, PROGRAMME_MANAGERS, 10),
            new GroupFilter("Toutes les tâches", "Toutes les tâches ouvertes du programme",
                    PROGRAMME_MANAGERS, null, 90),
            new GroupFilter("Mes revues juridiques", "Revues juridiques et volets juridiques des accompagnements",
                    LEGAL_REVIEWERS, LEGAL_REVIEWERS, 20),
            new GroupFilter("Mes revues techniques", "Revues techniques et volets techniques des accompagnements",
                    TECHNICAL_REVIEWERS, TECHNICAL_REVIEWERS, 30),
            new GroupFilter("Comité de sélection", "Propositions de sélection à établir",
                    SELECTION_COMMITTEE, SELECTION_COMMITTEE, 40),
            new GroupFilter("Décisions de la présidence", "Sélections à arrêter",
                    PRESIDENT, PRESIDENT, 50));

    /** Shown on each task card when the task has it (see {@link TaskCardVariables}). */
    static final List<Map<String, String>> CARD_VARIABLES = List.of(
            Map.of("name", TaskCardVariables.REFERENCE, "label", "Candidature"),
            Map.of("name", TaskCardVariables.CAMPAIGN, "label", "Campagne"));

    private final FilterService filterService;
    private final TaskService taskService;
    private final GroupAuthorizations groupAuthorizations;

    TasklistFilters(FilterService filterService, TaskService taskService, GroupAuthorizations groupAuthorizations) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.groupAuthorizations = groupAuthorizations;
    }

    void apply() {
        for (GroupFilter groupFilter : FILTERS) {
            Filter filter = filterService.createFilterQuery().filterName(groupFilter.name()).singleResult();
            if (filter == null) {
                filter = filterService.newTaskFilter(groupFilter.name());
            }
            filter.setQuery(queryOf(groupFilter));
            filter.setProperties(Map.of(
                    "description", groupFilter.description(),
                    "priority", groupFilter.priority(),
                    "refresh", true,
                    "variables", CARD_VARIABLES));
            filterService.saveFilter(filter);
            groupAuthorizations.grantFilterRead(groupFilter.groupId(), filter.getId());
        }
    }

    private TaskQuery queryOf(GroupFilter groupFilter) {
        TaskQuery query = taskService.createTaskQuery();
        if (groupFilter.candidateGroup() != null) {
            query.taskCandidateGroup(groupFilter.candidateGroup()).includeAssignedTasks();
        }
        return query.orderByTaskCreateTime().asc();
    }
}
