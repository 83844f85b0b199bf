package fr.bacasable.security;

import java.util.List;

/** The Camunda group ids of the programme's staff roles (DESIGN.md, "Who uses it"). */
public final class StaffGroups {

    public static final String PROGRAMME_MANAGERS = "programme-managers";
    public static final String LEGAL_REVIEWERS = "legal-reviewers";
    public static final String TECHNICAL_REVIEWERS = "technical-reviewers";
    public static final String SELECTION_COMMITTEE = "selection-committee";
    public static final String PRESIDENT = "president";
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    public static final String INSPECTION = "inspection";

    public static final List<String> ALL = List.of(PROGRAMME_MANAGERS, LEGAL_REVIEWERS, TECHNICAL_REVIEWERS,
            SELECTION_COMMITTEE, PRESIDENT, CAMUNDA_ADMIN, INSPECTION);

    private StaffGroups() {
    }
}
