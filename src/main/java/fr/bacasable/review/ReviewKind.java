package fr.bacasable.review;

import fr.bacasable.security.StaffGroups;

/** Who scores an application: each reviewer group, then programme managers when the two diverge. */
public enum ReviewKind {
    LEGAL("juridique", StaffGroups.LEGAL_REVIEWERS, "Task_ReviewLegal"),
    TECHNICAL("technique", StaffGroups.TECHNICAL_REVIEWERS, "Task_ReviewTechnical"),
    CONSENSUS("de consensus", StaffGroups.PROGRAMME_MANAGERS, "Task_ReachConsensus");

    private final String label;
    private final String groupId;
    private final String taskKey;

    ReviewKind(String label, String groupId, String taskKey) {
        this.label = label;
        this.groupId = groupId;
        this.taskKey = taskKey;
    }

    /** The user task of {@code ReviewProcess} where this scoring is done. */
    public String taskKey() {
        return taskKey;
    }

    /** French, as in "revue juridique". */
    public String label() {
        return label;
    }

    public String groupId() {
        return groupId;
    }
}
