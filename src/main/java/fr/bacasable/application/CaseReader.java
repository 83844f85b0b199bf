package fr.bacasable.application;

import fr.bacasable.security.StaffGroups;
import fr.bacasable.security.StaffUser;

/** Who reads a case page, and what its rules let them see, whichever module shows it. */
public record CaseReader(StaffUser user) {

    /** Who did what (user ids, reviewers' names): programme managers only. */
    public boolean seesWho() {
        return user.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS);
    }

    /**
     * The reviews and the selection: programme managers, the committee and the president. Never a
     * reviewer (four eyes: no reviewer reads the other review before doing their own).
     */
    public boolean seesAssessments() {
        return user.isMemberOfAny(StaffGroups.PROGRAMME_MANAGERS, StaffGroups.SELECTION_COMMITTEE,
                StaffGroups.PRESIDENT);
    }
}
