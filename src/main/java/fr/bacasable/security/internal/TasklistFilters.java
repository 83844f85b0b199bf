package fr.bacasable.security.internal;

import static fr.bacasable.security.StaffGroups.PROGRAMME_MANAGERS;

import fr.bacasable.security.ProcessAccess;
import java.util.ArrayList;
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

    /** The programme managers' own filters; each module adds those of the groups working its tasks. */
    static final List<GroupFilter> MANAGERS_FILTERS = List.of(
            new GroupFilter("Gestion du programme", "Complétude, consensus et suivi des dossiers",
                    PROGRAMME_MANAGERS, PROGRAMME_MANAGERS, 10),
            new GroupFilter("Toutes les tâches", "Toutes les tâches ouvertes du programme",
                    PROGRAMME_MANAGERS, null, 90));

    /** Shown on each task card when the task has it (see {@link TaskCardVariables}). */
    static final List<Map<String, String>> CARD_VARIABLES = List.of(
            Map.of("name", TaskCardVariables.REFERENCE, "label", "Candidature"),
            Map.of("name", TaskCardVariables.CAMPAIGN, "label", "Campagne"));

    private final FilterService filterService;
    private final TaskService taskService;
    private final GroupAuthorizations groupAuthorizations;
    private final List<ProcessAccess> modules;

    TasklistFilters(FilterService filterService, TaskService taskService, GroupAuthorizations groupAuthorizations,
            List<ProcessAccess> modules) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.groupAuthorizations = groupAuthorizations;
        this.modules = modules;
    }

    void apply() {
        List<GroupFilter> filters = new ArrayList<>(MANAGERS_FILTERS);
        for (ProcessAccess module : modules) {
            module.tasklistFilters().forEach(filter -> filters.add(new GroupFilter(filter.name(),
                    filter.description(), filter.groupId(), filter.groupId(), filter.priority())));
        }
        for (GroupFilter groupFilter : filters) {
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
