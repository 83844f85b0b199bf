package fr.bacasable.review.internal;

import fr.bacasable.review.ReviewVariables;
import fr.bacasable.security.ProcessAccess;
import fr.bacasable.security.StaffGroups;
import java.util.List;
import org.springframework.stereotype.Component;

/** Reviewers work the reviews; each group has its filter. */
@Component
class ReviewAccess implements ProcessAccess {

    @Override
    public List<TaskWorkers> taskWorkers() {
        return List.of(new TaskWorkers(ReviewVariables.PROCESS_KEY,
                List.of(StaffGroups.LEGAL_REVIEWERS, StaffGroups.TECHNICAL_REVIEWERS)));
    }

    @Override
    public List<TaskFilter> tasklistFilters() {
        return List.of(
                new TaskFilter("Mes revues juridiques", "Revues juridiques des candidatures",
                        StaffGroups.LEGAL_REVIEWERS, 20),
                new TaskFilter("Mes revues techniques", "Revues techniques des candidatures",
                        StaffGroups.TECHNICAL_REVIEWERS, 30));
    }
}
