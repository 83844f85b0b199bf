package fr.bacasable.security.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Brings groups, authorizations, filters and accounts in line with the code at every start. */
@Component
class SecurityBootstrap {

    private final GroupAuthorizations groupAuthorizations;
    private final TasklistFilters tasklistFilters;
    private final StaffAccounts staffAccounts;

    SecurityBootstrap(GroupAuthorizations groupAuthorizations, TasklistFilters tasklistFilters,
            StaffAccounts staffAccounts) {
        this.groupAuthorizations = groupAuthorizations;
        this.tasklistFilters = tasklistFilters;
        this.staffAccounts = staffAccounts;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void apply() {
        groupAuthorizations.apply();
        tasklistFilters.apply();
        staffAccounts.apply();
    }
}
