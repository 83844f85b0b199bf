package fr.bacasable.security.internal;

import fr.bacasable.security.DemoAccounts;
import fr.bacasable.security.DemoAccounts.DemoAccount;
import fr.bacasable.security.SecurityProperties;
import fr.bacasable.security.StaffGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The administrator account and, in local mode only, one demo account per staff group. Demo
 * accounts carry an e-mail address in {@value #DEMO_DOMAIN}; any such account found outside local
 * mode is deleted, so a demo password is never active there.
 */
@Component
class StaffAccounts {

    static final String DEMO_DOMAIN = "demo.bacasable.invalid";

    private static final Logger LOG = LoggerFactory.getLogger(StaffAccounts.class);

    private final IdentityService identityService;
    private final SecurityProperties properties;

    StaffAccounts(IdentityService identityService, SecurityProperties properties) {
        this.identityService = identityService;
        this.properties = properties;
    }

    void apply() {
        if (properties.demoEnabled()) {
            DemoAccounts.ALL.forEach(this::ensureDemoAccount);
            return;
        }
        deleteDemoAccounts();
        ensureAdministrator();
    }

    private void ensureDemoAccount(DemoAccount account) {
        User user = identityService.createUserQuery().userId(account.userId()).singleResult();
        if (user == null) {
            user = identityService.newUser(account.userId());
        }
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        user.setEmail(account.userId() + "@" + DEMO_DOMAIN);
        user.setPassword(properties.demoPassword());
        identityService.saveUser(user);
        identityService.unlockUser(account.userId());
        ensureMembership(account.userId(), account.groupId());
    }

    private void deleteDemoAccounts() {
        for (User user : identityService.createUserQuery().list()) {
            if (user.getEmail() != null && user.getEmail().endsWith("@" + DEMO_DOMAIN)) {
                LOG.warn("Deleting demo account {}: demo accounts exist only in local mode", user.getId());
                identityService.deleteUser(user.getId());
            }
        }
    }

    private void ensureAdministrator() {
        String adminId = properties.adminId();
        if (identityService.createUserQuery().userId(adminId).count() > 0) {
            ensureMembership(adminId, StaffGroups.CAMUNDA_ADMIN);
            return;
        }
        if (properties.adminPassword() == null || properties.adminPassword().isBlank()) {
            LOG.warn("No administrator account: set BAS_ADMIN_PASSWORD to create '{}'", adminId);
            return;
        }
        User admin = identityService.newUser(adminId);
        admin.setFirstName("Administration");
        admin.setLastName("Bac à sable");
        admin.setPassword(properties.adminPassword());
        identityService.saveUser(admin);
        ensureMembership(adminId, StaffGroups.CAMUNDA_ADMIN);
        LOG.info("Created administrator account {}", adminId);
    }

    private void ensureMembership(String userId, String groupId) {
        if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identityService.createMembership(userId, groupId);
        }
    }
}
