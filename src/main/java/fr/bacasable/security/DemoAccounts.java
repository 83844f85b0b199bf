package fr.bacasable.security;

import java.util.List;

/** The local demo's staff accounts, one per group; they exist only when demo mode is on. */
public final class DemoAccounts {

    public record DemoAccount(String userId, String firstName, String lastName, String groupId) {
    }

    public static final List<DemoAccount> ALL = List.of(
            new DemoAccount("manager", "Camille", "Martin", StaffGroups.PROGRAMME_MANAGERS),
            new DemoAccount("legal", "Léa", "Dubois", StaffGroups.LEGAL_REVIEWERS),
            new DemoAccount("tech", "Hugo", "Bernard", StaffGroups.TECHNICAL_REVIEWERS),
            new DemoAccount("committee", "Nadia", "Petit", StaffGroups.SELECTION_COMMITTEE),
            new DemoAccount("president", "Anne", "Lefèvre", StaffGroups.PRESIDENT),
            new DemoAccount("inspector", "Paul", "Moreau", StaffGroups.INSPECTION),
            new DemoAccount("admin", "Administration", "Bac à sable", StaffGroups.CAMUNDA_ADMIN));

    private DemoAccounts() {
    }
}
