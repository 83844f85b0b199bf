package fr.bacasable.selection.internal;

import fr.bacasable.security.ProcessAccess;
import fr.bacasable.security.StaffGroups;
import fr.bacasable.selection.CampaignSelectionVariables;
import java.util.List;
import org.springframework.stereotype.Component;

/** The committee proposes and the president decides each campaign's selection; each has its filter. */
@Component
class SelectionAccess implements ProcessAccess {

    @Override
    public List<TaskWorkers> taskWorkers() {
        return List.of(new TaskWorkers(CampaignSelectionVariables.PROCESS_KEY,
                List.of(StaffGroups.SELECTION_COMMITTEE, StaffGroups.PRESIDENT)));
    }

    @Override
    public List<TaskFilter> tasklistFilters() {
        return List.of(
                new TaskFilter("Comité de sélection", "Propositions de sélection à établir",
                        StaffGroups.SELECTION_COMMITTEE, 40),
                new TaskFilter("Décisions de la présidence", "Sélections à arrêter", StaffGroups.PRESIDENT, 50));
    }
}
